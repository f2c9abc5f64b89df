/**
 * Request signing exactly as Bitfinex documents it (https://docs.bitfinex.com/docs/rest-auth):
 * HMAC-SHA384, lowercase hex, over "/api/" + path + nonce + body, where path starts with "v2/".
 * The body string signed here is the very string sent; it is serialised once by the caller.
 */
import { createHmac } from "node:crypto";

/** `apiPath` is the path after the host, e.g. "v2/auth/w/deposit/invoice" (no leading slash). */
export function signaturePayload(apiPath: string, nonce: string, body: string): string {
  return `/api/${apiPath.replace(/^\/+/, "")}${nonce}${body}`;
}

export function sign(secret: string, apiPath: string, nonce: string, body: string): string {
  return createHmac("sha384", secret)
    .update(signaturePayload(apiPath, nonce, body))
    .digest("hex");
}

export function authHeaders(
  apiKey: string,
  secret: string,
  apiPath: string,
  nonce: string,
  body: string,
): Record<string, string> {
  return {
    "content-type": "application/json",
    "bfx-nonce": nonce,
    "bfx-apikey": apiKey,
    "bfx-signature": sign(secret, apiPath, nonce, body),
  };
}
