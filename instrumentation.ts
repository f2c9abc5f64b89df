// Runs once when the server starts: checks the configuration before any customer arrives, then
// opens the database and starts the reconciler so checkouts are kept up to date without traffic.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigOrExit } = await import("./lib/startup/check-config");
    checkConfigOrExit();
    const { startBackgroundWork } = await import("./lib/startup/background");
    startBackgroundWork();
  }
}
