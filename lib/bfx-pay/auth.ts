/**
 * Checks a request signed the way Bitfinex checks one (and the way Bitfinex Pay's WooCommerce
 * plugin signs): `bfx-signature` = hex HMAC-SHA384(secret, "/api/" + path + nonce + raw body),
 * where `path` is the relative path after our prefix ("v2/auth/..."), whatever the base URL.
 * Compared in constant time; the body is the exact bytes received.
 *
 * Nonces, per key, may never go down, but an EQUAL nonce is accepted. The plugin's nonce is
 * `time() * 1000 * 1000`: whole seconds. Its cron makes 13 reads within one second, and two
 * customers checking out in the same second send the same nonce; Bitfinex would refuse the
 * second of each, and a shop would lose orders for it. What an equal nonce lets through is a
 * replay of a request signed in that same second (or later ones by the key holder): harmless for
 * reads (the key reads only its own invoices), and for creates the idempotency key is
 * (key, nonce, orderId), so a replayed create answers the invoice it made and makes nothing new.
 * A nonce lower than the last one seen is refused (`nonce: small`), as Bitfinex does.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/connect";
import { bfxPayKeys } from "../db/schema";
import { authFailed, ERR_AUTH_NONCE, BfxError, nonceSmall } from "./errors";
import type { BfxPayKey } from "./keys";

export interface SignedRequest {
  apiKey: string | null;
  nonce: string | null;
  signature: string | null;
  /** Relative path, e.g. "v2/auth/w/ext/pay/invoice/create". */
  path: string;
  /** The body exactly as received. */
  body: Buffer;
}

export function signaturePayload(path: string, nonce: string, body: string): string {
  return `/api/${path}${nonce}${body}`;
}

export function sign(secret: string, path: string, nonce: string, body: string | Buffer): string {
  return createHmac("sha384", secret)
    .update(signaturePayload(path, nonce, ""))
    .update(body)
    .digest("hex");
}

const MAX_NONCE = 2n ** 63n - 1n;

/**
 * Keys by their public half, for a minute: a key's id and secret never change, so a cached one
 * saves a read per request. Revocation does not wait for it: the nonce update below, which every
 * request makes, refuses a revoked key in the database.
 */
const CACHE_MS = 60_000;
const cache = new Map<string, { key: BfxPayKey; at: number }>();

async function findKey(db: Db, apiKey: string, now: number): Promise<BfxPayKey | null> {
  const hit = cache.get(apiKey);
  if (hit && now - hit.at < CACHE_MS) return hit.key;
  const [key] = await db.select().from(bfxPayKeys).where(eq(bfxPayKeys.apiKey, apiKey)).limit(1);
  if (!key || key.revokedAt) {
    cache.delete(apiKey);
    return null;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(apiKey, { key, at: now });
  return key;
}

/** The key that signed the request, with its nonce recorded; throws a BfxError otherwise. */
export async function authenticate(db: Db, req: SignedRequest, now = Date.now()): Promise<BfxPayKey> {
  if (!req.apiKey || req.apiKey.length > 200) throw authFailed("apikey: invalid");
  const key = await findKey(db, req.apiKey, now);
  if (!key) throw authFailed("apikey: invalid");
  const expected = Buffer.from(sign(key.secret, req.path, req.nonce ?? "", req.body), "utf8");
  const given = Buffer.from((req.signature ?? "").toLowerCase(), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw authFailed("apikey: digest invalid");
  if (!req.nonce || !/^\d{1,19}$/.test(req.nonce) || BigInt(req.nonce) > MAX_NONCE)
    throw new BfxError(ERR_AUTH_NONCE, "nonce: invalid");
  const nonce = BigInt(req.nonce);
  // One statement: two requests racing cannot both pass with a nonce below the other's.
  const updated = await db
    .update(bfxPayKeys)
    .set({ lastNonce: sql`greatest(${bfxPayKeys.lastNonce}, ${nonce.toString()}::bigint)`, lastUsedAt: new Date(now) })
    .where(and(eq(bfxPayKeys.id, key.id), isNull(bfxPayKeys.revokedAt), lte(bfxPayKeys.lastNonce, nonce)))
    .returning({ id: bfxPayKeys.id });
  if (updated.length > 0) return key;
  // Refused: revoked since it was cached, or the nonce is lower than the last one seen.
  const [current] = await db
    .select({ revokedAt: bfxPayKeys.revokedAt })
    .from(bfxPayKeys)
    .where(eq(bfxPayKeys.id, key.id))
    .limit(1);
  if (!current || current.revokedAt) {
    cache.delete(req.apiKey);
    throw authFailed("apikey: invalid");
  }
  throw nonceSmall();
}
