// Runs once when the server starts: checks the configuration before any customer arrives, then
// opens the database and starts the reconciler so checkouts are kept up to date without traffic.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigOrExit } = await import("./lib/startup/check-config");
    checkConfigOrExit();
    // Before any request: the TCP peer's address for TRUST_PROXY=0 (lib/http/client-address.ts).
    const { stampSocketAddresses } = await import("./lib/http/socket-address");
    stampSocketAddresses();
    const { startBackgroundWork } = await import("./lib/startup/background");
    startBackgroundWork();
    // Called by scripts/start.mjs on SIGTERM once the HTTP server has drained.
    const { stopServices } = await import("./lib/server/services");
    (globalThis as { __checkoutShutdown?: () => Promise<void> }).__checkoutShutdown = () => stopServices();
    // Called by scripts/start.mjs on SIGTERM before it waits for requests in flight: open status
    // streams would otherwise hold the server open for the whole grace period.
    const { endAllStreams } = await import("./lib/checkouts/status-stream");
    (globalThis as { __checkoutEndStreams?: () => void }).__checkoutEndStreams = endAllStreams;
  }
}
