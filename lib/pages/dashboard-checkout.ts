/**
 * What the dashboard's checkout page (app/dashboard/checkouts/[id]) needs from our own tables, read
 * once per request: the checkout, its invoices, state changes, refunds, claims and notifications,
 * and what the signed-in user may do with it. Nothing here asks Bitfinex; its record of the invoice
 * is read apart (loadInvoiceEvents), so a slow Bitfinex never holds this page back.
 */
import "server-only";
import { cache } from "react";
import { roleMay, type Role } from "../auth/access";
import { stepUpNeeded, stepUpThreshold } from "../auth/step-up";
import type { InvoiceEvent } from "../bitfinex/pay/events";
import { paymentUrl } from "../checkouts/merchant-view";
import { findCheckout, findInvoices, findTransitions, type InvoiceRow } from "../checkouts/repository";
import { invoiceThatCan, railNamed } from "../checkouts/rails";
import { isId } from "../ids";
import { listEvents } from "../notifications/queries";
import { listClaims } from "../refunds/claims";
import { listPasskeys } from "../auth/passkeys";
import { pullPaymentNames } from "../greenfield/pull-payments";
import { listRefunds } from "../refunds/queries";
import { refundOffer } from "../refunds/summary";
import { getServices } from "../server/services";

/** `role`, `secondFactor` and `userId`: the signed-in user's, for what they may do here and how they confirm it. */
export const loadDashboardCheckout = cache(async (id: string, role: Role, secondFactor: boolean, userId: string) => {
  if (!isId(id, "co")) return null;
  const { deps, config } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) return null;
  const [invoices, transitions, notifications, refunds, claims, threshold] = await Promise.all([
    findInvoices(deps.db, id),
    findTransitions(deps.db, id),
    listEvents(deps.db, { checkoutId: id, limit: 50 }),
    listRefunds(deps.db, id),
    listClaims(deps, id),
    stepUpThreshold(deps.db),
  ]);
  // Claims a BTCPay plugin made (a pull payment): its name says which order and why.
  const pluginNames = await pullPaymentNames(
    deps.db,
    claims.map((c) => c.id),
  );
  const stepUp = secondFactor && stepUpNeeded(row.amount, threshold);
  const now = deps.now();
  // The invoice Bitfinex manages (Bitfinex Pay: it keeps events, can be completed and refunded).
  const managed = invoiceThatCan(invoices, (r) => r.events !== undefined);
  const refundable = invoiceThatCan(invoices, (r) => r.refund !== undefined);
  // What this user's role may do here (the API routes check the same table).
  const may = (action: string) => roleMay(role, `/api/dashboard/checkouts/${id}/${action}`, "POST");
  return {
    row,
    invoices,
    transitions,
    notifications,
    refunds,
    claims,
    pluginNames,
    now,
    mode: config.mode,
    paymentUrl: paymentUrl(config.appUrl, id),
    /** The open invoice whose events Bitfinex keeps (Bitfinex Pay), read apart by loadInvoiceEvents. */
    managedInvoice: managed?.invoice ?? null,
    /** A deposit Bitfinex did not match can be linked to the open invoice by hand (Bitfinex Pay). */
    completable: invoiceThatCan(invoices, (r) => r.complete !== undefined) !== undefined,
    // A cashier reads checkouts but never refunds (the API refuses it too, lib/auth/access.ts).
    offer: refundable && may("refunds") ? refundOffer(row, refunds, now) : null,
    stepUp,
    /** The step-up can be answered with the user's passkey (the code stays the fallback). */
    stepUpByPasskey: stepUp && (await listPasskeys(deps.db, userId)).length > 0,
    may,
  };
});

export type DashboardCheckout = NonNullable<Awaited<ReturnType<typeof loadDashboardCheckout>>>;

/**
 * Bitfinex's own record of an invoice, for the checkout's timeline: one read per view, null when
 * Bitfinex does not answer (the page says so and shows our own record).
 */
export async function loadInvoiceEvents(invoice: InvoiceRow): Promise<InvoiceEvent[] | null> {
  const { deps } = await getServices();
  const events = railNamed(invoice.rail).events;
  if (!events) return [];
  try {
    return await events(deps, invoice);
  } catch {
    return null;
  }
}
