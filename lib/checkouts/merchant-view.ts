/**
 * What leaves the server about a checkout, per audience: the merchant (everything), the payment
 * page (what a customer needs) and the status poll (the minimum, cheap to compute and compare).
 */
import { PAY_CURRENCIES } from "../currencies/pay-currencies";
import { cryptoString, fiatString, remaining } from "./amounts";
import type { CheckoutRow, InvoiceRow } from "../db/schema";
import { isFinal } from "./state-machine";
import { RAIL_VIEWS_SPECIFIC_FIRST, openInvoiceOn, railView } from "./rails/views";
import type { PaymentInstructions } from "./rails/rail";

export function paymentUrl(appUrl: string, id: string): string {
  return `${appUrl}/pay/${id}`;
}

/** The columns the status poll reads (lib/checkouts/status-read.ts): nothing else is needed to answer it. */
export type StatusRow = Pick<
  CheckoutRow,
  | "id"
  | "state"
  | "version"
  | "amount"
  | "currency"
  | "expiresAt"
  | "nextCheckAt"
  | "payCurrency"
  | "amountDue"
  | "amountPaid"
  | "confirmations"
  | "requiredConfirmations"
>;

function paymentSummary(row: StatusRow) {
  if (!row.payCurrency) return null;
  return {
    payCurrency: row.payCurrency,
    amountDue: cryptoString(row.amountDue),
    amountPaid: cryptoString(row.amountPaid) ?? "0",
    amountRemaining: remaining(row.amountDue, row.amountPaid),
    confirmations: row.confirmations,
    requiredConfirmations: row.requiredConfirmations,
  };
}

/** GET /api/checkouts/{id}/status: state and amounts only; no ids, addresses or personal data. */
export function statusView(row: StatusRow, now: number) {
  return {
    id: row.id,
    state: row.state,
    final: isFinal(row.state),
    amount: fiatString(row.amount, row.currency),
    currency: row.currency,
    payment: paymentSummary(row),
    expiresAt: row.expiresAt.toISOString(),
    serverTime: new Date(now).toISOString(),
  };
}

/** Changes whenever anything in the status view (other than the server time) can have changed. */
export function statusEtag(row: StatusRow): string {
  return `W/"${row.version}-${row.state}"`;
}

/** The merchant's full view (merchant API and dashboard). */
export function merchantView(row: CheckoutRow, invoices: InvoiceRow[], appUrl: string) {
  return {
    id: row.id,
    object: "checkout" as const,
    url: paymentUrl(appUrl, row.id),
    state: row.state,
    amount: fiatString(row.amount, row.currency),
    currency: row.currency,
    orderId: row.orderId,
    description: row.description,
    payCurrencies: row.payCurrencies,
    type: row.type,
    duration: row.durationSeconds,
    expiresAt: row.expiresAt.toISOString(),
    redirectUrl: row.redirectUrl,
    webhookUrl: row.webhookUrl,
    customerInfo: row.customerInfo,
    metadata: row.metadata ?? {},
    payment: paymentSummary(row),
    // Bitfinex's record of each payment: transaction, amount, method, confirmations, deposit or
    // ledger id, and whether it was completed by hand or differs from what was asked.
    payments: row.payments ?? [],
    paidAt: row.paidAt?.toISOString() ?? null,
    // Sent back to the customer, in the currency paid (refunds Bitfinex confirmed); null when none.
    amountRefunded: cryptoString(row.amountRefunded),
    invoices: invoices
      .filter((i) => i.status === "open")
      .map((i) => ({
        rail: i.rail,
        bitfinexId: i.upstreamId,
        status: i.upstreamStatus,
        ...railView(i.rail).merchantFields(i),
        createdAt: i.createdAt.toISOString(),
      })),
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type { PaymentInstructions } from "./rails/rail";

/** How to pay in `payCurrency` with the checkout's open invoices; null when none covers it. */
export function paymentInstructions(invoices: InvoiceRow[], payCurrency: string): PaymentInstructions | null {
  const info = PAY_CURRENCIES.get(payCurrency);
  if (!info) return null;
  // A Lightning invoice for LNX before a Pay invoice's LNX entry.
  for (const rail of RAIL_VIEWS_SPECIFIC_FIRST) {
    const invoice = openInvoiceOn(invoices, rail.name);
    const instructions = invoice && rail.instructions(invoice, payCurrency, info);
    if (instructions) return instructions;
  }
  return null;
}
