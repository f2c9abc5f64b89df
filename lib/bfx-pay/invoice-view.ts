/**
 * A checkout as a Bitfinex Pay invoice (the Submit Invoice page's fields, ../shared/seeds/): what
 * the listing answers and what the plugin's webhook receives. Amounts are written as JSON numbers
 * digit for digit, as Bitfinex writes them (RawNumber: never a float in between).
 */
import type { PayAddress } from "../bitfinex/types";
import type { CheckoutState } from "../checkouts/state-machine";
import type { merchantView } from "../checkouts/merchant-view";
import type { RecordedPayment } from "../checkouts/observation";
import { entrySymbol } from "../checkouts/rails/pay-payments";
import { RawNumber } from "../json/lossless-json";

type MerchantView = ReturnType<typeof merchantView>;
/** The fields of the merchant view this reads (a stored event payload has exactly these). */
export type InvoiceSource = Pick<
  MerchantView,
  | "id"
  | "type"
  | "orderId"
  | "state"
  | "amount"
  | "currency"
  | "duration"
  | "payCurrencies"
  | "redirectUrl"
  | "customerInfo"
  | "payment"
  | "payments"
  | "createdAt"
>;

export type BfxStatus = "CREATED" | "PENDING" | "COMPLETED" | "EXPIRED";

/**
 * CREATED until a payment is seen; PENDING while it confirms or falls short; COMPLETED once paid.
 * A payment that arrives after the deadline (paid_late) leaves the invoice EXPIRED, as Bitfinex
 * leaves an expired invoice: the plugin has already failed that order, and the merchant settles
 * it by hand (refund, or complete the order) from our dashboard.
 */
export function bfxStatus(state: CheckoutState): BfxStatus {
  switch (state) {
    case "awaiting_payment":
      return "CREATED";
    case "confirming":
    case "underpaid":
      return "PENDING";
    case "paid":
      return "COMPLETED";
    case "expired":
    case "paid_late":
      return "EXPIRED";
  }
}

const num = (decimal: string) => new RawNumber(decimal.includes(".") ? decimal.replace(/\.?0+$/, "") : decimal);

/** "2026-12-06T01:02:03.000Z" → "2026-12-06 01:02:03", the format of Bitfinex's payment dates. */
function bfxDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 19).replace("T", " ");
}

function paymentView(p: RecordedPayment) {
  return {
    txid: p.txid,
    amount: num(p.amount),
    currency: p.currency,
    method: p.method,
    status: "COMPLETED",
    confirmations: p.confirmations ?? 0,
    created_at: bfxDate(p.createdAt),
    updated_at: bfxDate(p.updatedAt),
    ...(p.depositId !== null && { depositId: p.depositId }),
    ...(p.ledgerId !== null && { ledgerId: p.ledgerId }),
    ...(p.forceCompleted && { forceCompleted: true }),
    ...(p.amountDiff !== null && { amountDiff: p.amountDiff }),
  };
}

function entryView(e: PayAddress) {
  return {
    amount: num(e.amount),
    ...(e.currency && { currency: e.currency }),
    payCurrency: e.payCurrency,
    poolCurrency: e.poolCurrency,
    address: e.address,
    ...(e.lightning && {
      ext: { hash: e.lightning.hash, payment_request: e.lightning.paymentRequest, node_pub: e.lightning.nodePub },
    }),
  };
}

function paidEntries(src: InvoiceSource, entries: PayAddress[], status: BfxStatus): PayAddress[] {
  if (status === "EXPIRED") return [];
  if (status !== "COMPLETED") return entries;
  const chosen = src.payment?.payCurrency;
  const paid = entries.filter((e) => entrySymbol(e) === chosen);
  return paid.length > 0 ? paid.slice(0, 1) : entries.slice(0, 1);
}

/** The invoice object (listing), from the checkout's merchant view and its upstream entries. */
export function bfxInvoice(src: InvoiceSource, entries: PayAddress[], webhook: string | null) {
  const status = bfxStatus(src.state);
  const paid = status === "COMPLETED" ? src.payments : [];
  return {
    id: src.id,
    t: Date.parse(src.createdAt),
    type: src.type,
    duration: src.duration,
    amount: num(src.amount),
    currency: src.currency,
    orderId: src.orderId,
    payCurrencies: src.payCurrencies,
    webhook,
    redirectUrl: src.redirectUrl,
    status,
    customerInfo: src.customerInfo ? { ...src.customerInfo, tosAccepted: false } : null,
    invoices: paidEntries(src, entries, status).map(entryView),
    ...(paid[0] && { payment: paymentView(paid[0]) }),
    ...(paid.length > 1 && { additionalPayments: paid.slice(1).map(paymentView) }),
  };
}

/** The webhook body Bitfinex sends (the seed's field list): `id, type, orderId, status, amount, currency, t, invoices, payment`. */
export function bfxWebhookBody(src: InvoiceSource, entries: PayAddress[]) {
  const { id, type, orderId, status, amount, currency, t, invoices, payment, additionalPayments } = bfxInvoice(
    src,
    entries,
    null,
  );
  return {
    id,
    type,
    orderId,
    status,
    amount,
    currency,
    t,
    invoices,
    ...(payment && { payment }),
    ...(additionalPayments && { additionalPayments }),
  };
}
