/** Serialises sandbox records exactly as Bitfinex writes them: camelCase objects, amounts as JSON numbers. */
import { RawNumber, stringifyWithRawNumbers } from "../json/lossless-json";
import { Money } from "../money/decimal";
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

function entryObject(e: SbPayInvoice["invoices"][number], withCurrency: boolean) {
  return {
    amount: new RawNumber(e.amount),
    // INVOICES_BFXPAY_CCY: the entry's Pay symbol, named `currency` as in the seed's webhook example
    // (the key's name is UNCONFIRMED). The PHP SDK's create fixture has entries without it: the
    // create answer leaves it out, so the client is proven to tell entries apart without it.
    ...(withCurrency && { currency: e.symbol }),
    payCurrency: e.payCurrency,
    poolCurrency: e.poolCurrency,
    address: e.address,
    ...(e.ext && { ext: e.ext }),
  };
}

/** An invoice as the create, list and paginated answers carry it (create: entries without `currency`, as the PHP fixture). */
export function invoiceObject(inv: SbPayInvoice, opts: { entryCurrency?: boolean } = {}) {
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
    invoices: inv.invoices.map((e) => entryObject(e, opts.entryCurrency !== false)),
    ...(first && { payment: paymentObject(first) }),
    ...(rest.length > 0 && { additionalPayments: rest.map(paymentObject) }),
    merchantName: "Sandbox Merchant",
  };
}

/**
 * The webhook body: only the fields the Submit Invoice page lists (id, type, orderId, status,
 * amount, currency, t, invoices, payment, additionalPayments). No customer details, webhook or
 * redirect URL; `invoices` holds only the paid entry, none when expired; `payment` only on success.
 */
export function webhookObject(inv: SbPayInvoice) {
  const completed = inv.status === "COMPLETED";
  const [first, ...rest] = inv.payments;
  const fullyPaid = inv.invoices.find((e) =>
    inv.payments
      .filter((p) => p.symbol === e.symbol)
      .reduce((sum, p) => sum.add(p.amount), new Money(0))
      .gte(e.amount),
  );
  const paidSymbol = fullyPaid?.symbol ?? first?.symbol;
  return {
    id: inv.id,
    type: inv.type,
    orderId: inv.orderId,
    status: inv.status,
    amount: new RawNumber(inv.amount),
    currency: inv.currency,
    t: inv.t,
    invoices: completed ? inv.invoices.filter((e) => e.symbol === paidSymbol).map((e) => entryObject(e, true)) : [],
    ...(completed && first && { payment: paymentObject(first) }),
    ...(completed && rest.length > 0 && { additionalPayments: rest.map(paymentObject) }),
  };
}

export function invoiceToWire(inv: SbPayInvoice): string {
  return stringifyWithRawNumbers(invoiceObject(inv));
}

export function webhookToWire(inv: SbPayInvoice): string {
  return stringifyWithRawNumbers(webhookObject(inv));
}
