/**
 * What a merchant webhook URL must be, shared by MERCHANT_WEBHOOK_URL (checked at start) and the
 * dashboard's setting: http(s), no user name or password, and in live mode https to a host that
 * is not this machine or a private network (the send-time check in destination.ts covers names
 * that resolve there).
 */
import { urlProblem } from "../checkouts/validation";
import type { Mode } from "../env";
import { staticHostProblem } from "./destination";

/** Why `raw` cannot be a webhook URL in `mode`, or null. */
export function webhookUrlProblem(raw: string, mode: Mode): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  const problem = urlProblem(raw, mode);
  if (problem) return problem;
  return mode === "live" ? staticHostProblem(new URL(raw)) : null;
}
