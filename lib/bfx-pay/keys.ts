/**
 * Keys for the Bitfinex-compatible endpoints: a public `apiKey` the plugin sends as `bfx-apikey`
 * and a `secret` it signs with, shown once. A key can create checkouts through lib/bfx-pay and
 * read the ones it created, nothing else (it is no merchant API key: lib/merchant/api-keys.ts).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connect";
import { bfxPayKeys } from "../db/schema";
import { newId } from "../ids";

export type BfxPayKey = typeof bfxPayKeys.$inferSelect;

/** The two URLs to paste into the plugin's settings. */
export function pluginUrls(appUrl: string) {
  return { apiUrl: `${appUrl}/bfx/`, redirectUrl: `${appUrl}/bfx/order/` };
}

export async function createBfxKey(db: Db, name: string, appUrl: string, now = Date.now()) {
  const id = newId("key");
  const apiKey = `bpk_${randomBytes(24).toString("base64url")}`;
  const secret = `bps_${randomBytes(32).toString("base64url")}`;
  const createdAt = new Date(now);
  await db.insert(bfxPayKeys).values({ id, name, apiKey, secret, createdAt });
  return { id, name, apiKey, secret, createdAt: createdAt.toISOString(), ...pluginUrls(appUrl) };
}

export async function listBfxKeys(db: Db) {
  return db
    .select({
      id: bfxPayKeys.id,
      name: bfxPayKeys.name,
      apiKey: bfxPayKeys.apiKey,
      createdAt: bfxPayKeys.createdAt,
      lastUsedAt: bfxPayKeys.lastUsedAt,
      revokedAt: bfxPayKeys.revokedAt,
    })
    .from(bfxPayKeys)
    .orderBy(desc(bfxPayKeys.createdAt));
}

/** The public view of a key (never its secret). */
export function keyView(k: Awaited<ReturnType<typeof listBfxKeys>>[number]) {
  return {
    id: k.id,
    object: "bfx_pay_key" as const,
    name: k.name,
    apiKey: k.apiKey,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function revokeBfxKey(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(bfxPayKeys)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(bfxPayKeys.id, id), isNull(bfxPayKeys.revokedAt)))
    .returning({ id: bfxPayKeys.id });
  return rows.length > 0;
}

/** What creating a key takes (merchant API and dashboard). */
export const bfxKeyInputSchema = z
  .object({
    name: z
      .string({ error: "is required" })
      .trim()
      .min(1, "is required")
      .max(100, "must be at most 100 characters")
      .describe('what the key is for, e.g. "WooCommerce shop"'),
  })
  .strict();
