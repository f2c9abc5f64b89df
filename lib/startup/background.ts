/** Starts the services (and with them the reconciler) at server start rather than on the first request. */
import { getServices } from "../server/services";

export function startBackgroundWork() {
  getServices().catch((e) => console.error("could not start the checkout services:", e));
}
