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
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Bitfinex-Checkout-Signature";
export const EVENT_ID_HEADER = "Bitfinex-Checkout-Event-Id";
export const USER_AGENT = "bitfinex-checkout-webhooks/1";

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The header value for `body` sent at `timestampSeconds` (unix seconds). */
export function signatureHeader(secret: string, body: string, timestampSeconds: number): string {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

export interface VerifyOptions {
  /** How old (or how far in the future) `t` may be. Default 300 s. */
  toleranceSeconds?: number;
  /** The current time in milliseconds (Date.now()); tests pass their own clock. */
  now?: number;
}

/**
 * True when `header` carries a valid v1 signature of `body` with `secret`, made within the
 * tolerance. Several v1 entries are accepted (any one matching), so a sender may sign with two
 * secrets while one is being replaced.
 */
export function verifySignature(header: string | null | undefined, body: string, secret: string, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  const { toleranceSeconds = 300, now = Date.now() } = options;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  // Same length by construction (64 hex digits each), which timingSafeEqual requires.
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
}
