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
import { API_KEY_SCOPES, isApiKeyScope, sortScopes, type ApiKeyScope } from "../api-scopes";

export interface MerchantPrincipal {
  /** "env" for MERCHANT_API_KEY, else the key's id; scopes idempotency keys. */
  keyId: string;
  /** What this key may do (lib/merchant/scopes.ts). */
  scopes: readonly ApiKeyScope[];
  /** A key made before scopes existed: it keeps every scope (shown as such). */
  legacy: boolean;
}

/** A stored key's scopes: null (made before scopes) is every scope; unknown names are dropped. */
export function storedScopes(scopes: string[] | null): { scopes: ApiKeyScope[]; legacy: boolean } {
  if (scopes === null) return { scopes: [...API_KEY_SCOPES], legacy: true };
  return { scopes: sortScopes(scopes.filter(isApiKeyScope)), legacy: false };
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** `scopes` must not be empty (the caller validated it); stored in API_KEY_SCOPES order. */
export async function createApiKey(db: Db, name: string, scopes: readonly ApiKeyScope[], now = Date.now()) {
  if (scopes.length === 0) throw new Error("an API key needs at least one scope");
  const key = `sk_${base32nopad.encode(randomBytes(20)).toLowerCase()}`;
  const id = newId("key");
  const sorted = sortScopes(scopes);
  await db
    .insert(apiKeys)
    .values({ id, name, prefix: key.slice(0, 7), hash: hashKey(key), scopes: sorted, createdAt: new Date(now) });
  return { id, name, key, prefix: key.slice(0, 7), scopes: sorted };
}

export async function listApiKeys(db: Db) {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, ...storedScopes(r.scopes) }));
}

export async function revokeApiKey(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

const unauthorized = (message: string) => new ApiError({ code: "unauthorized", message, field: "Authorization" });

/** Checks `Authorization: Bearer <key>`; throws a 401 that says what is wrong. */
export async function authenticateMerchant(
  db: Db,
  envKey: { key: string; scopes: readonly ApiKeyScope[] } | null,
  request: Request,
): Promise<MerchantPrincipal> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Send your API key as Authorization: Bearer <key>.");
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <key>".');
  const hash = hashKey(match[1]!);
  if (envKey && timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(hashKey(envKey.key), "hex")))
    return { keyId: "env", scopes: envKey.scopes, legacy: false };
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash)).limit(1);
  if (!row || row.revokedAt) throw unauthorized("This API key is not valid (unknown or revoked).");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, ...storedScopes(row.scopes) };
}

/** GET /api/v1/api-keys/current: what a key may do, so a program (or a plugin) can check before it tries. */
export async function describeCurrentKey(db: Db, principal: MerchantPrincipal) {
  const base = { object: "api_key" as const, scopes: [...principal.scopes], legacy: principal.legacy };
  if (principal.keyId === "env")
    return { ...base, id: "env", name: "MERCHANT_API_KEY", prefix: null, source: "environment" as const };
  const [row] = await db
    .select({ name: apiKeys.name, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(eq(apiKeys.id, principal.keyId))
    .limit(1);
  return {
    ...base,
    id: principal.keyId,
    name: row?.name ?? "",
    prefix: row?.prefix ?? null,
    source: "dashboard" as const,
  };
}
