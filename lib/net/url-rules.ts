/**
 * What every URL given to us must be (a checkout's redirect URL, a webhook URL): http(s), no
 * spaces, no user name or password, https in live mode. Pure, so browser code (the dashboard's
 * forms) can use it too; webhook URLs have more rules in webhook-url-rules.ts.
 */
import type { Mode } from "../mode";

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
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return mode === "live" ? "must start with https://" : "must start with http:// or https://";
  if (mode === "live" && url.protocol !== "https:") return "must use https:// in live mode";
  if (url.username || url.password) return "must not contain a user name or password";
  if (!url.hostname) return "must have a host";
  return null;
}
