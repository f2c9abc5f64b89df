/**
 * What a URL given to us must be. Every URL (a checkout's redirect URL, a webhook URL): http(s),
 * no spaces, no user name or password, https in live mode. A merchant webhook URL, shared by
 * MERCHANT_WEBHOOK_URL (checked at start) and the dashboard's setting, also goes to a host that is
 * not this machine or a private network in live mode (the send-time check in
 * public-destination.ts covers names that resolve there). Below the configuration: lib/env.ts uses it.
 */
import type { Mode } from "../mode";
import { staticHostProblem } from "./public-destination";

/** Why `raw` cannot be a URL we send a customer or a request to (redirects, webhooks), or null. */
export function urlProblem(raw: string, mode: Mode): string | null {
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return "must not contain spaces or control characters";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL such as https://shop.example/thanks";
  }
  // Say what this mode accepts: the sandbox takes http:// too (a local test server).
  if (url.protocol !== "https:" && url.protocol !== "http:") return mode === "live" ? "must start with https://" : "must start with http:// or https://";
  if (mode === "live" && url.protocol !== "https:") return "must use https:// in live mode";
  if (url.username || url.password) return "must not contain a user name or password";
  if (!url.hostname) return "must have a host";
  return null;
}

/** Why `raw` cannot be a webhook URL in `mode`, or null. */
export function webhookUrlProblem(raw: string, mode: Mode): string | null {
  if (raw.length > 2048) return "must be at most 2048 characters";
  const problem = urlProblem(raw, mode);
  if (problem) return problem;
  return mode === "live" ? staticHostProblem(new URL(raw)) : null;
}
