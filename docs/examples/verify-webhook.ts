// Verifying Bitfinex Checkout webhooks (Node.js 18+, no dependencies).
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * True when `rawBody` was signed by your Bitfinex Checkout with `secret` in the last
 * `toleranceSeconds`. `rawBody` must be the request body exactly as received: verify first,
 * parse after (re-encoded JSON does not match the signature). Throws when `secret` is empty:
 * anyone can sign with an empty key, so "verified" would mean nothing.
 */
export function verifyWebhook(
  rawBody: string,
  signatureHeader: string | null,
  secret: string,
  toleranceSeconds = 300,
  nowMs = Date.now(),
): boolean {
  if (!secret) throw new Error("verifyWebhook: the webhook secret is empty; every forged webhook would verify");
  if (!signatureHeader) return false;
  const entries = signatureHeader.split(",").map((part) => part.trim().split("=", 2));
  const t = entries.find(([key]) => key === "t")?.[1] ?? "";
  if (!/^\d+$/.test(t) || Math.abs(nowMs / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  return entries.some(
    ([key, value]) =>
      key === "v1" && /^[0-9a-f]{64}$/.test(value ?? "") && timingSafeEqual(Buffer.from(value!, "hex"), expected),
  );
}

/** Example: a Next.js route handler (app/api/checkout-webhook/route.ts) or any Request-based server. */
export async function POST(request: Request): Promise<Response> {
  // Never a default: a missing secret is a configuration error, not an empty key (which anyone can sign with).
  const secret = process.env.CHECKOUT_WEBHOOK_SECRET;
  if (!secret) throw new Error("CHECKOUT_WEBHOOK_SECRET is not set: copy the signing secret from the dashboard");
  const rawBody = await request.text();
  if (!verifyWebhook(rawBody, request.headers.get("Bitfinex-Checkout-Signature"), secret)) {
    return new Response("invalid signature", { status: 400 });
  }
  const event = JSON.parse(rawBody) as {
    id: string;
    type: string;
    livemode: boolean;
    data: { checkout?: { id: string; orderId: string; state: string } };
  };
  // Sandbox mode's payments are simulated: a production shop acts only on live events.
  if (!event.livemode && process.env.NODE_ENV === "production") return new Response(null, { status: 204 });
  // The same event can arrive more than once: record event.id and skip ids you have already handled.
  if (event.type === "checkout.paid" || event.type === "checkout.paid_late") {
    // e.g. mark order event.data.checkout.orderId as paid (once).
  }
  // Answer 2xx quickly (within 10 s); do slow work after answering.
  return new Response(null, { status: 204 });
}
