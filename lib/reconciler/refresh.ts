/**
 * Asks Bitfinex about one checkout's invoice and applies the answer. Used for webhook hints (the
 * hint itself is never believed) and for invoices a batch list did not cover.
 */
import { applyObservation } from "../checkouts/apply";
import type { CheckoutDeps } from "../checkouts/deps";
import { observeLightningInvoices } from "../checkouts/rails/lightning-movements";
import { observePayInvoice } from "../checkouts/rails/pay-rail";
import { findCheckout, scheduleNextCheck, type CheckoutRow, type InvoiceRow } from "../checkouts/repository";

/** An invoice Bitfinex says it does not know is asked about again only this much later. */
const UNKNOWN_RETRY_MS = 10 * 60_000;

export async function refreshInvoice(
  deps: CheckoutDeps,
  invoice: InvoiceRow,
  source: string,
  /** Whether LNX deposit movements are read too (a second call; the reconciler reads them in a turn of its own). */
  opts: { movements?: boolean } = {},
): Promise<CheckoutRow | null> {
  if (invoice.status !== "open" || !invoice.upstreamId) return null;
  if (invoice.rail === "pay") {
    const upstream = await deps.bitfinex.pay.getInvoice(invoice.upstreamId);
    if (!upstream) {
      deps.log(`reconciler: Bitfinex does not know Pay invoice ${invoice.upstreamId} (checkout ${invoice.checkoutId})`);
      const nextCheckAt = new Date(deps.now() + UNKNOWN_RETRY_MS);
      await scheduleNextCheck(deps.db, invoice.checkoutId, nextCheckAt);
      return null;
    }
    const checkout = await findCheckout(deps.db, invoice.checkoutId);
    return applyObservation(
      deps,
      invoice,
      observePayInvoice(upstream, checkout?.payCurrency ?? null, await deps.methods.get()),
      source,
    );
  }
  const payment = await deps.bitfinex.lightning.getPayment(invoice.paymentHash!);
  // Two sources: the invoice's status, and LNX deposit movements where the status is not "paid".
  const observation = (await observeLightningInvoices(deps, [{ invoice, payment }], opts))[0]?.observation ?? null;
  if (observation) return applyObservation(deps, invoice, observation, source);
  // Neither source knows it yet.
  deps.log(
    `reconciler: Bitfinex does not know Lightning invoice ${invoice.paymentHash} (checkout ${invoice.checkoutId})`,
  );
  const nextCheckAt = new Date(deps.now() + UNKNOWN_RETRY_MS);
  await scheduleNextCheck(deps.db, invoice.checkoutId, nextCheckAt);
  return null;
}
