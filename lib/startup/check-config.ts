/** Server start (Node runtime only): a bad configuration stops the app, naming the variable. */
import { ConfigError, parseConfig } from "../env";
import { log } from "../observability/log";
import { describeTrustProxy } from "../net/client-address";
import { bitfinexWebhookUrl } from "../checkouts/rails/pay-rail";

export function checkConfigOrExit(): void {
  try {
    const config = parseConfig();
    log().info(
      { mode: config.mode, database: config.databaseUrl ? "postgres" : "embedded" },
      `bitfinex-checkout: ${config.mode} mode, Bitfinex at ${config.bitfinex.restUrl}`,
    );
    log().info(`bitfinex-checkout: ${describeTrustProxy(config.trustProxy)}`);
    if (config.mode === "live" && bitfinexWebhookUrl(config) === undefined)
      log().warn(
        `bitfinex-checkout: APP_URL (${config.appUrl}) is not a public https:// address, so Bitfinex's webhook is off: payments are seen by polling only, a few seconds later`,
      );
    if (config.mode === "live" && config.webhookAllowPrivate)
      log().warn(
        "bitfinex-checkout: WEBHOOK_ALLOW_PRIVATE=1: merchant webhooks may go to this machine or a private network (the operator's opt-in)",
      );
    if (config.mail) log().info(`bitfinex-checkout: e-mail through ${new URL(config.mail.smtpUrl).host}`);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // A plain line, not a JSON one: the person starting the server reads it at the terminal.
    console.error(e.message);
    process.exit(1);
  }
}
