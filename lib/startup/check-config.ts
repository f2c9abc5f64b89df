/** Server start (Node runtime only): a bad configuration stops the app, naming the variable. */
import { ConfigError, parseConfig } from "../env";
import { log } from "../observability/log";
import { describeTrustProxy } from "../net/client-address";

export function checkConfigOrExit(): void {
  try {
    const config = parseConfig();
    log().info(
      { mode: config.mode, database: config.databaseUrl ? "postgres" : "embedded" },
      `bitfinex-checkout: ${config.mode} mode, Bitfinex at ${config.bitfinex.restUrl}`,
    );
    log().info(`bitfinex-checkout: ${describeTrustProxy(config.trustProxy)}`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // A plain line, not a JSON one: the person starting the server reads it at the terminal.
    console.error(e.message);
    process.exit(1);
  }
}
