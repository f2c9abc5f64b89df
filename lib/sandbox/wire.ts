/** Serialises sandbox records exactly as Bitfinex writes them: camelCase objects, amounts as JSON numbers. */
import { RawNumber, stringifyWithRawNumbers } from "../http/lossless-json";
import type { SbPayInvoice, SbPayment } from "./model";

/** Bitfinex's payment timestamps: "YYYY-MM-DD hh:mm:ss" in UTC. */
function sqlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function paymentObject(p: SbPayment) {
  return {
    txid: p.txid,
    amount: new RawNumber(p.amount),
    currency: p.currency,
    method: p.method,
    status: p.status,
    confirmations: p.confirmations,
    created_at: sqlTime(p.createdAt),
    updated_at: sqlTime(p.updatedAt),
    depositId: p.depositId,
    ...(p.forceCompleted && { forceCompleted: true }),
  };
}

export function invoiceObject(inv: SbPayInvoice, opts: { forWebhook?: boolean } = {}) {
  let entries = inv.invoices;
  if (opts.forWebhook) {
    // The webhook carries no entries when expired, and only the paid one when completed.
    const paidSymbol = inv.payments[0]?.symbol;
    entries = inv.status === "EXPIRED" ? [] : entries.filter((e) => e.symbol === paidSymbol);
  }
  const [first, ...rest] = inv.payments;
  return {
    id: inv.id,
    t: inv.t,
    type: inv.type,
    duration: inv.duration,
    amount: new RawNumber(inv.amount),
    currency: inv.currency,
    orderId: inv.orderId,
    payCurrencies: inv.payCurrencies,
    webhook: inv.webhook,
    redirectUrl: inv.redirectUrl,
    status: inv.status,
    customerInfo: inv.customerInfo,
    invoices: entries.map((e) => ({
      amount: new RawNumber(e.amount),
      payCurrency: e.payCurrency,
      poolCurrency: e.poolCurrency,
      address: e.address,
      ...(e.ext && { ext: e.ext }),
    })),
    ...(first && { payment: paymentObject(first) }),
    ...(rest.length > 0 && { additionalPayments: rest.map(paymentObject) }),
    merchantName: "Sandbox Merchant",
  };
}

export function invoiceToWire(inv: SbPayInvoice, opts: { forWebhook?: boolean } = {}): string {
  return stringifyWithRawNumbers(invoiceObject(inv, opts));
}
