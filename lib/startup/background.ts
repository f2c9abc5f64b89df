/** Starts the services (and with them the reconciler) at server start rather than on the first request. */
import { getServices } from "../server/services";
import { log } from "../observability/log";

export function startBackgroundWork() {
  getServices().catch((e) => log().error({ err: e }, "could not start the checkout services"));
}
