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
 * the operator's explicit opt-in) accepts a receiver on this machine or a private network in live mode.
 */
export function webhookUrlProblem(raw: string, mode: Mode, allowPrivate = false): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  const problem = urlProblem(raw, mode);
  if (problem) return problem;
  if (mode !== "live" || allowPrivate) return null;
  const host = staticHostProblem(new URL(raw));
  return host && `${host} (a receiver on your own network needs WEBHOOK_ALLOW_PRIVATE=1, README: Going live)`;
}
