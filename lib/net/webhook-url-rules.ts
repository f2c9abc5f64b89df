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

/** Why `raw` cannot be a webhook URL in `mode`, or null. */
export function webhookUrlProblem(raw: string, mode: Mode): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  const problem = urlProblem(raw, mode);
  if (problem) return problem;
  return mode === "live" ? staticHostProblem(new URL(raw)) : null;
}
