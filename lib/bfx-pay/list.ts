/**
 * `POST v2/auth/r/ext/pay/invoices`: by `id` (a one-element array, or an empty one when the key
 * did not create that invoice: Bitfinex lists only the caller's invoices, it does not say another
 * account's exist), or by `start`/`end` (milliseconds, inclusive) and `limit` (default 10, at
 * most 100), newest first. Each key sees only the invoices it created.
 */
import { and, desc, eq, getViewSelectedFields, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { merchantView } from "../checkouts/merchant-view";
import { invoiceEntries } from "../checkouts/outbox";
import type { Db } from "../db/connect";
import { bfxPayInvoices, checkoutInvoices, checkouts, type InvoiceRow } from "../db/schema";
import { paramsInvalid } from "./errors";
import { bfxInvoice } from "./invoice-view";
import type { BfxPayKey } from "./keys";

/** A millisecond time as PHP may write it (`1765000000000.0`: `round()` returns a float). */
const millis = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((v) => /^\d{1,16}(\.\d+)?$/.test(v), "must be a time in milliseconds")
  .transform((v) => Number(v.split(".")[0]));

const querySchema = z.object({
  id: z.string().max(100).optional().nullable(),
  start: millis.optional().nullable(),
  end: millis.optional().nullable(),
  limit: z
    .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
    .optional()
    .nullable(),
});

export const LIST_LIMIT_DEFAULT = 10;
export const LIST_LIMIT_MAX = 100;

export async function listInvoices(db: Db, appUrl: string, key: BfxPayKey, body: unknown) {
  const parsed = querySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw paramsInvalid(issue.path.join(".") || "body", issue.message);
  }
  const q = parsed.data;
  const limit = q.limit ?? LIST_LIMIT_DEFAULT;
  if (limit < 1 || limit > LIST_LIMIT_MAX) throw paramsInvalid("limit", "invalid");
  const conditions = [eq(bfxPayInvoices.keyId, key.id)];
  if (q.id) conditions.push(eq(bfxPayInvoices.checkoutId, q.id));
  else {
    if (q.start != null) conditions.push(gte(bfxPayInvoices.createdAt, new Date(q.start)));
    if (q.end != null) conditions.push(lte(bfxPayInvoices.createdAt, new Date(q.end)));
  }
  const rows = await db
    .select({ checkout: getViewSelectedFields(checkouts), webhook: bfxPayInvoices.webhook })
    .from(bfxPayInvoices)
    .innerJoin(checkouts, eq(checkouts.id, bfxPayInvoices.checkoutId))
    .where(and(...conditions))
    .orderBy(desc(bfxPayInvoices.createdAt))
    .limit(q.id ? 1 : limit);
  if (rows.length === 0) return [];
  const invoices = await db
    .select()
    .from(checkoutInvoices)
    .where(
      inArray(
        checkoutInvoices.checkoutId,
        rows.map((r) => r.checkout.id),
      ),
    );
  const byCheckout = new Map<string, InvoiceRow[]>();
  for (const i of invoices) byCheckout.set(i.checkoutId, [...(byCheckout.get(i.checkoutId) ?? []), i]);
  return rows.map((r) =>
    bfxInvoice(merchantView(r.checkout, [], appUrl), invoiceEntries(byCheckout.get(r.checkout.id) ?? []), r.webhook),
  );
}
