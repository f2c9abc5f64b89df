/**
 * What a merchant webhook URL must be, shared by MERCHANT_WEBHOOK_URL (checked at start) and the
 * dashboard's and API's setting: a valid URL (url-rules.ts), and in live mode a host that is not
 * this machine or a private network (the send-time check in public-destination.ts covers names
 * that resolve there). Server only: it uses Node's address checks. Below the configuration:
 * lib/env.ts uses it.
 */
import type { Mode } from "../mode";
import { staticHostProblem } from "./public-destination";
import { urlProblem } from "./url-rules";

/**
 * Why `raw` cannot be a webhook URL in `mode`, or null. `allowPrivate` (WEBHOOK_ALLOW_PRIVATE=1,
 * the operator's explicit opt-in) accepts a receiver on this machine or a private network in live
 * mode, over http:// too when it is given by address (or as localhost).
 */
export function webhookUrlProblem(raw: string, mode: Mode, allowPrivate = false): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  // With the opt-in, a receiver given as this machine or a private address may be plain http://:
  // it rarely has a certificate for 127.0.0.1 or 10.0.0.5, and the request stays on the machine or
  // network. Anywhere else live mode still needs https://.
  const ownNetwork = mode === "live" && allowPrivate && privateHost(raw);
  const problem = urlProblem(raw, ownNetwork ? "sandbox" : mode);
  if (problem) return problem;
  if (mode !== "live" || allowPrivate) return null;
  const host = staticHostProblem(new URL(raw));
  return host && `${host} (a receiver on your own network needs WEBHOOK_ALLOW_PRIVATE=1, README: Going live)`;
}

/** Whether `raw`'s host is known without a lookup to be this machine or a private network (localhost, a private literal IP). */
function privateHost(raw: string): boolean {
  try {
    return staticHostProblem(new URL(raw)) !== null;
  } catch {
    return false;
  }
}
