/**
 * Signing of merchant notifications, Stripe-style, so a merchant can check that a request came
 * from this app and was not replayed later:
 *
 *   Bitfinex-Checkout-Signature: t=1767225600,v1=5f1c…(hex HMAC-SHA256 of "1767225600.<body>")
 *
 * The timestamp is inside the signed bytes, so an old delivery cannot be replayed with a new `t`.
 * We sign exactly the string we send; the receiver must verify the raw body bytes, not a re-encoding.
 */
import "server-only";
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "Bitfinex-Checkout-Signature";
export const EVENT_ID_HEADER = "Bitfinex-Checkout-Event-Id";
export const USER_AGENT = "bitfinex-checkout-webhooks/1";

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The header value for `body` sent at `timestampSeconds` (unix seconds). */
export function signatureHeader(secret: string, body: string, timestampSeconds: number): string {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}
