/** Server start (Node runtime only): a bad configuration stops the app, naming the variable. */
import { ConfigError, parseConfig } from "../env";
import { describeTrustProxy } from "../net/client-address";

export function checkConfigOrExit(): void {
  try {
    const config = parseConfig();
    console.log(`bitfinex-checkout: ${config.mode} mode, Bitfinex at ${config.bitfinex.restUrl}`);
    console.log(`bitfinex-checkout: ${describeTrustProxy(config.trustProxy)}`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
