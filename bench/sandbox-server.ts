/**
 * The sandbox on its own, outside the app, for the runs that measure the app's memory and the
 * calls reaching "Bitfinex": the app then runs in live mode pointed at this process as its
 * Bitfinex (as e2e's live instance does), so the sandbox's in-memory state (every invoice) is not
 * counted in the app's resident memory, and every call crosses a real process boundary.
 *
 *   node --conditions=react-server --import tsx bench/sandbox-server.ts <stateDir> <port>
 *
 * Prints "ready <origin>" once listening; stops on SIGTERM.
 */
import { startSandboxServer } from "../lib/sandbox/http-server";

export const SANDBOX_KEY = "sandbox-api-key";
export const SANDBOX_SECRET = "sandbox-api-secret";

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dataDir, portText] = process.argv.slice(2);
  const port = Number(portText);
  if (!dataDir || !Number.isInteger(port)) {
    console.error("usage: sandbox-server.ts <stateDir> <port>");
    process.exit(2);
  }
  const sandbox = await startSandboxServer({
    apiKey: SANDBOX_KEY,
    apiSecret: SANDBOX_SECRET,
    dataDir,
    port,
    log: (line) => console.error(line),
  });
  // As inside the app: invoices expire (and send their webhook) even when nobody calls.
  const sweep = setInterval(() => sandbox.api.sb.sweep(), 1000);
  process.on("SIGTERM", () => {
    clearInterval(sweep);
    void sandbox.close().then(() => process.exit(0));
  });
  console.log(`ready ${sandbox.origin}`);
}
