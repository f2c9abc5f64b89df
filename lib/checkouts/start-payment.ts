/**
 * Starting a payment (POST /api/checkouts/{id}/payment): the steps, each in its own module under
 * ./payment-start/: the body is parsed (input.ts), the checkout checked (guards.ts), a rail chosen
 * through the Rail interface (rail-choice.ts), the invoice made once however many requests ask
 * (invoice.ts, on the claim/lease protocol of store/invoice-claims.ts), and the choice recorded
 * (record-choice.ts).
 */
import type { CustomerInfo } from "../bitfinex/types";
import type { CheckoutDeps } from "./deps";
import { railNamed, type Rail } from "./rails";
import { invoiceOn } from "./rails/views";
import { findInvoices, getCheckoutOrThrow, type CheckoutRow, type InvoiceRow } from "./repository";
import { checkOffered, checkRequest, checkState, unavailable } from "./payment-start/guards";
import { parseStartPayment } from "./payment-start/input";
import { ensureInvoice } from "./payment-start/invoice";
import { chooseRail, railAfterDown } from "./payment-start/rail-choice";
import { recordChoice, rememberCustomer } from "./payment-start/record-choice";
import { addTimelineNote, noteRejectedEntry } from "./upstream-words";
import { reportTosAcceptance } from "./tos";

export { CLAIM_LEASE_MS } from "./store/invoice-claims";
export { notOffered, type NotOffered } from "./payment-start/guards";
export { startPaymentInputSchema } from "./payment-start/input";

export interface StartedPayment {
  checkout: CheckoutRow;
  invoice: InvoiceRow | null;
  /** The checkout's invoices as they stand after the start (null when nothing was started). */
  invoices: InvoiceRow[] | null;
}

export async function startPayment(deps: CheckoutDeps, checkoutId: string, body: unknown): Promise<StartedPayment> {
  const input = parseStartPayment(body);
  const { payCurrency } = input;
  // Both reads at once: on PostgreSQL they overlap (one round trip's wait instead of two).
  const [found, invoices] = await Promise.all([
    getCheckoutOrThrow(deps.db, checkoutId),
    findInvoices(deps.db, checkoutId),
  ]);
  let checkout = found;
  checkRequest(checkout, input);
  if (checkState(checkout, deps.now()) === "nothing") return { checkout, invoice: null, invoices: null };
  const { excluded, pastDailyLimit } = await checkOffered(deps, checkout, invoices, input);

  const choice = await chooseRail(deps, invoices, payCurrency, pastDailyLimit);
  let rail = choice.rail;
  // The invoice offers only the currencies that can take the amount: Bitfinex refuses the whole
  // invoice if one of them cannot.
  const offered = checkout.payCurrencies.filter((s) => !excluded.has(s));

  let customerInfo: CustomerInfo | null = null;
  if (rail.needsCustomerInfo(checkout) && !choice.reused)
    ({ checkout, customerInfo } = await rememberCustomer(deps, checkout, input));

  let invoice: InvoiceRow;
  try {
    invoice = await ensureInvoice(
      deps,
      { ...checkout, payCurrencies: offered },
      rail,
      customerInfo,
      known(invoices, rail),
    );
  } catch (e) {
    // Bitfinex refused the invoice (a limit we could not check first, for one): the merchant sees
    // its words on the checkout's page; the customer gets the page's "not accepted".
    const refusal = rail.refusal?.(e) ?? null;
    if (refusal !== null)
      await addTimelineNote(
        deps,
        checkout.id,
        `Bitfinex refused the payment invoice: ${JSON.stringify(refusal.slice(0, 200))}`,
      ).catch(() => false);
    if (!rail.isRailDown?.(e)) throw e;
    rail = await railAfterDown(deps, checkout, rail, e, payCurrency);
    invoice = await ensureInvoice(deps, checkout, rail, null, known(invoices, rail));
  }
  // What Bitfinex handed us is checked before the customer sees it, where the rail can.
  const problem = (await railNamed(invoice.rail).checkEntry?.(deps, checkout, payCurrency, invoice)) ?? null;
  if (problem) {
    await noteRejectedEntry(deps, { symbol: payCurrency, reason: problem, checkoutId: checkout.id });
    throw unavailable(
      payCurrency,
      offered.filter((s) => s !== payCurrency),
    );
  }
  const chosen = await recordChoice(deps, checkout, invoice, payCurrency);
  // Bitfinex is told of the terms' acceptance after the invoice exists, in the background: its
  // answer never holds up the customer, and a failure is retried by the TosReporter.
  if (rail.reportsTos && chosen.tosAcceptedAt && !chosen.tosReportedAt)
    void reportTosAcceptance(deps, chosen.id).catch((e) => deps.log(`tos: ${String(e)}`));
  // The list read above with this invoice in it, in the same order as findInvoices: the payment
  // route answers with it rather than reading it again.
  const after = [...invoices.filter((i) => i.id !== invoice.id), invoice].sort((a, b) => a.id - b.id);
  return { checkout: chosen, invoice, invoices: after };
}

/** Whether the invoice list read at the start already had a row for this rail (any status). */
function known(invoices: InvoiceRow[], rail: Rail): "present" | "absent" {
  return invoiceOn(invoices, rail.name) ? "present" : "absent";
}
