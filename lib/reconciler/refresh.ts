/**
 * Asks Bitfinex about one checkout's invoice and applies the answer. Used for webhook hints (the
 * hint itself is never believed) and for invoices a batch list did not cover.
 */
import { applyObservation } from "../checkouts/apply";
import type { CheckoutDeps } from "../checkouts/deps";
import { railNamed } from "../checkouts/rails";
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
  const rail = railNamed(invoice.rail);
  const chosen = async () => (await findCheckout(deps.db, invoice.checkoutId))?.payCurrency ?? null;
  const observation = await rail.observe(deps, invoice, chosen, opts);
  if (observation) return applyObservation(deps, invoice, observation, source);
  // Bitfinex does not know it (yet).
  deps.log(`reconciler: Bitfinex does not know ${rail.describe(invoice)} (checkout ${invoice.checkoutId})`);
  await scheduleNextCheck(deps.db, invoice.checkoutId, new Date(deps.now() + UNKNOWN_RETRY_MS));
  return null;
}
