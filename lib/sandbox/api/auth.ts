/**
 * Checks an authenticated request the way Bitfinex does: known key, HMAC-SHA384 signature over
 * "/api/" + path + nonce + raw body (https://docs.bitfinex.com/docs/rest-auth), and a nonce larger
 * than the last one accepted for the key. Computed here from Bitfinex's description, not with the
 * client's signing code: a sandbox that shared the client's mistake would accept it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Sandbox } from "../sandbox";
import { BfxError, type SandboxRequest } from "./http";

export function authenticate(sandbox: Sandbox, req: SandboxRequest): void {
  const key = req.headers["bfx-apikey"];
  const nonce = req.headers["bfx-nonce"];
  const signature = req.headers["bfx-signature"];
  if (!key || !nonce || !signature) throw new BfxError(10100, "apikey: invalid");
  if (!safeEqual(key, sandbox.options.apiKey)) throw new BfxError(10100, "apikey: invalid");
  const expected = createHmac("sha384", sandbox.options.apiSecret)
    .update(`/api/${req.apiPath}${nonce}${req.body}`)
    .digest("hex");
  if (!safeEqual(signature.toLowerCase(), expected)) throw new BfxError(10100, "apikey: digest invalid");
  if (!/^\d{1,19}$/.test(nonce)) throw new BfxError(10114, "nonce: invalid");
  const value = BigInt(nonce);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new BfxError(10114, "nonce: too big");
  if (value <= sandbox.lastNonce(key)) throw new BfxError(10114, "nonce: small");
  sandbox.setLastNonce(key, value);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
