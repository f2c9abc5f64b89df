/**
 * The invoices repository: with ./invoice-claims.ts (how a row is claimed, filled and released
 * while Bitfinex makes the invoice), the only module that writes `checkout_invoices`.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connect";
import type { InvoiceRow, Rail } from "../../db/schema";
import { checkoutInvoicesTable as checkoutInvoices } from "../../db/checkout-tables";

export type { InvoiceRow } from "../../db/schema";

/** A checkout's invoices, oldest first (at most one per rail). */
export async function findInvoices(db: Db, checkoutId: string): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(checkoutInvoices)
    .where(eq(checkoutInvoices.checkoutId, checkoutId))
    .orderBy(asc(checkoutInvoices.id));
}

/** The checkout's invoice on this rail, in whatever status (claimed or open), if any. */
export async function findInvoiceOnRail(db: Db, checkoutId: string, rail: Rail): Promise<InvoiceRow | null> {
  const [row] = await db
    .select()
    .from(checkoutInvoices)
    .where(and(eq(checkoutInvoices.checkoutId, checkoutId), eq(checkoutInvoices.rail, rail)))
    .limit(1);
  return row ?? null;
}

/** Remembers Bitfinex's own word for the invoice's status (shown to the merchant). */
export async function recordUpstreamStatus(db: Db, invoiceId: number, upstreamStatus: string, at: Date): Promise<void> {
  await db.update(checkoutInvoices).set({ upstreamStatus, updatedAt: at }).where(eq(checkoutInvoices.id, invoiceId));
}
