/**
 * Merchant API keys. Only a SHA-256 hash is stored (the keys are long random strings, so a plain
 * hash is enough); the key is shown once at creation. One more key may come from MERCHANT_API_KEY.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { base32nopad } from "@scure/base";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect";
import { apiKeys } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { newId } from "../ids";

export interface MerchantPrincipal {
  /** "env" for MERCHANT_API_KEY, else the key's id; scopes idempotency keys. */
  keyId: string;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function createApiKey(db: Db, name: string, now = Date.now()) {
  const key = `sk_${base32nopad.encode(randomBytes(20)).toLowerCase()}`;
  const id = newId("key");
  await db.insert(apiKeys).values({ id, name, prefix: key.slice(0, 7), hash: hashKey(key), createdAt: new Date(now) });
  return { id, name, key, prefix: key.slice(0, 7) };
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

const unauthorized = (message: string) =>
  new ApiError({ status: 401, code: "unauthorized", message, field: "Authorization" });

/** Checks `Authorization: Bearer <key>`; throws a 401 that says what is wrong. */
export async function authenticateMerchant(
  db: Db,
  envKey: string | null,
  request: Request,
): Promise<MerchantPrincipal> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Send your API key as Authorization: Bearer <key>.");
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <key>".');
  const hash = hashKey(match[1]!);
  if (envKey && timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(hashKey(envKey), "hex"))) return { keyId: "env" };
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash)).limit(1);
  if (!row || row.revokedAt) throw unauthorized("This API key is not valid (unknown or revoked).");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id };
}
