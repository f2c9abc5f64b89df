/** The per-client limit on checkouts visitors make, applied to a request (see lib/limits/creation-limiter.ts). */
import "server-only";
import { creationLimiter } from "../limits/creation-limiter";
import { getConfig } from "../env";
import { clientAddress } from "../net/client-address";
import { limitStore } from "./limit-store";

/** Counts one visitor-made checkout for the request's client, or throws a 429 `rate_limited`. */
export async function countVisitorCheckout(request: Request): Promise<void> {
  const limiter = await creationLimiter(limitStore);
  await limiter.take(clientAddress(request.headers, getConfig().trustProxy));
}
