/**
 * Signed static links, for merchants without a backend: amount, currency and order id travel in
 * the URL with an HMAC over them, so a customer cannot change what they pay. The key is
 * LINK_SIGNING_SECRET, or a random one kept in the database (it never leaves the server).
 *
 *   /s?amount=25.00&currency=USD&orderId=INV-1001&exp=1767225600&sig=…
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/connect";
import { appState } from "../db/schema";
import {
  amountStringSchema,
  checkPrecision,
  fiatCurrencySchema,
  orderIdSchema,
  payCurrenciesSchema,
  text,
} from "../checkouts/validation";

const SECRET_KEY = "link_signing_secret";

export async function linkSigningSecret(db: Db, configured: string | null): Promise<string> {
  if (configured) return configured;
  const [row] = await db.select().from(appState).where(eq(appState.key, SECRET_KEY)).limit(1);
  if (row) return (row.value as { secret: string }).secret;
  await db
    .insert(appState)
    .values({ key: SECRET_KEY, value: { secret: randomBytes(32).toString("hex") } })
    .onConflictDoNothing();
  return linkSigningSecret(db, null);
}

export const signedLinkSchema = z
  .object({
    amount: amountStringSchema,
    currency: fiatCurrencySchema,
    orderId: orderIdSchema,
    description: text(200).optional(),
    payCurrencies: payCurrenciesSchema.optional(),
    /** Unix seconds after which the link stops working. */
    exp: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((v, ctx) => checkPrecision(v.amount, v.currency, "amount", ctx));

export type SignedLinkParams = z.output<typeof signedLinkSchema>;

/** The exact bytes signed: fixed order, one field per line, so no two parameter sets collide. */
function canonical(p: SignedLinkParams): string {
  return [
    "v1",
    p.amount,
    p.currency,
    p.orderId,
    p.description ?? "",
    (p.payCurrencies ?? []).join(","),
    p.exp?.toString() ?? "",
  ].join("\n");
}

const mac = (secret: string, p: SignedLinkParams) =>
  createHmac("sha256", secret).update(canonical(p)).digest("base64url");

export function signedLinkQuery(secret: string, p: SignedLinkParams): string {
  const q = new URLSearchParams({ amount: p.amount, currency: p.currency, orderId: p.orderId });
  if (p.description) q.set("description", p.description);
  if (p.payCurrencies) q.set("payCurrencies", p.payCurrencies.join(","));
  if (p.exp) q.set("exp", String(p.exp));
  q.set("sig", mac(secret, p));
  return q.toString();
}

export type SignedLinkResult =
  { ok: true; params: SignedLinkParams; signature: string } | { ok: false; reason: "tampered" | "expired" | "invalid" };

/** Verifies a visited link's query; any change to any parameter fails the signature. */
export function verifySignedLink(secret: string, query: URLSearchParams, nowSeconds: number): SignedLinkResult {
  const allowed = new Set(["amount", "currency", "orderId", "description", "payCurrencies", "exp", "sig"]);
  for (const key of query.keys()) if (!allowed.has(key)) return { ok: false, reason: "tampered" };
  for (const key of allowed) if (query.getAll(key).length > 1) return { ok: false, reason: "tampered" };
  const sig = query.get("sig");
  if (!sig || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: "tampered" };
  const exp = query.get("exp");
  const parsed = signedLinkSchema.safeParse({
    amount: query.get("amount") ?? undefined,
    currency: query.get("currency") ?? undefined,
    orderId: query.get("orderId") ?? undefined,
    description: query.get("description") ?? undefined,
    payCurrencies: query.get("payCurrencies")?.split(","),
    exp: exp === null ? undefined : /^\d{1,12}$/.test(exp) ? Number(exp) : -1,
  });
  if (!parsed.success) return { ok: false, reason: "tampered" };
  const expected = Buffer.from(mac(secret, parsed.data));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "tampered" };
  if (parsed.data.exp !== undefined && nowSeconds >= parsed.data.exp) return { ok: false, reason: "expired" };
  return { ok: true, params: parsed.data, signature: sig };
}
