/**
 * The Bitfinex Pay rail: one Pay invoice per checkout carrying every pay currency it offers, and
 * the reading of a (re-fetched) Pay invoice as an observation.
 */
import type { PayInvoice, PayPayment, CustomerInfo } from "../../bitfinex/types";
import { PAY_CURRENCIES } from "../../currencies/pay-currencies";
import { Money, toAmountString } from "../../money/decimal";
import type { CheckoutDeps } from "../deps";
import type { Observation, RecordedPayment } from "../observation";
import type { CheckoutRow } from "../../db/schema";
import { entryIndexFor, entrySymbol, type MethodMap } from "./pay-payments";
import { BUILT_IN_METHOD_MAP } from "../../currencies/deposit-methods";
import { DURATION_MAX_SECONDS, DURATION_MIN_SECONDS } from "../validation";

/**
 * Where Bitfinex should send its one webhook: only to an address it can reach. In live mode a
 * local APP_URL gets none, and the reconciler alone keeps the checkout up to date.
 */
export function bitfinexWebhookUrl(deps: Pick<CheckoutDeps, "mode" | "appUrl">): string | undefined {
  const url = `${deps.appUrl}/api/bitfinex/webhook`;
  if (deps.mode === "sandbox") return url;
  const host = new URL(deps.appUrl).hostname;
  if (!deps.appUrl.startsWith("https://") || host === "localhost" || host === "127.0.0.1" || host === "[::1]")
    return undefined;
  return url;
}

export function createPayInvoiceFor(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  customerInfo: CustomerInfo | null,
): Promise<PayInvoice> {
  const secondsLeft = Math.ceil((checkout.expiresAt.getTime() - deps.now()) / 1000);
  return deps.bitfinex.pay.createInvoice({
    type: checkout.type,
    amount: toAmountString(new Money(checkout.amount)),
    currency: checkout.currency,
    payCurrencies: checkout.payCurrencies,
    // Our checkout id, not the merchant's order id: unique, so an invoice whose creation timed
    // out can be found again by it instead of being created twice.
    orderId: checkout.id,
    durationSeconds: Math.min(DURATION_MAX_SECONDS, Math.max(DURATION_MIN_SECONDS, secondsLeft)),
    webhook: bitfinexWebhookUrl(deps),
    ...(checkout.type === "ECOMMERCE" && customerInfo ? { customerInfo } : {}),
  });
}

/** Finds the invoice an uncertain create may have made (looked up by our checkout id). */
export async function findPayInvoiceFor(deps: CheckoutDeps, checkoutId: string): Promise<PayInvoice | null> {
  const page = await deps.bitfinex.pay.listInvoicesPaginated({ orderId: checkoutId, pageSize: 10 });
  return page.items.find((i) => i.orderId === checkoutId) ?? null;
}

const isFinalPayment = (p: PayPayment) => p.status === "COMPLETED" || p.forceCompleted;

/** A payment as recorded on the checkout: Bitfinex's fields, plus the entry it paid. */
const recorded = (p: PayPayment, payCurrency: string | null): RecordedPayment => ({ ...p, payCurrency });

/**
 * Reads a Pay invoice: which entry was paid, how much, how confirmed. `chosen` is the customer's
 * pick; `methods` is Bitfinex's method -> currency map (the built-in table when not given).
 * Only Bitfinex's own COMPLETED makes a live invoice paid: a full payment on a PENDING invoice is
 * still confirming. An invoice that expired is paid late once a full payment is final.
 */
export function observePayInvoice(
  inv: PayInvoice,
  chosen: string | null,
  methods: MethodMap = BUILT_IN_METHOD_MAP,
): Observation {
  const payments = [inv.payment, ...inv.additionalPayments].filter((p): p is PayPayment => p !== null);
  const entries = inv.addresses.map((a) => ({
    symbol: entrySymbol(a),
    due: new Money(a.amount),
    paid: new Money(0),
    own: [] as PayPayment[],
  }));
  const records: RecordedPayment[] = [];
  for (const p of payments) {
    const entry = entries[entryIndexFor(p, inv.addresses, methods, chosen)];
    if (entry) {
      entry.own.push(p);
      entry.paid = entry.paid.add(p.amount);
    }
    records.push(recorded(p, entry?.symbol ?? null));
  }
  // The entry that was paid (most of its due), else the one the customer chose.
  const paidEntries = entries.filter((e) => e.paid.gt(0)).sort((a, b) => b.paid.div(b.due).cmp(a.paid.div(a.due)));
  const entry = paidEntries[0] ?? entries.find((e) => e.symbol === chosen) ?? null;
  const info = entry?.symbol ? PAY_CURRENCIES.get(entry.symbol) : undefined;
  const base = {
    payCurrency: entry?.symbol ?? chosen,
    amountDue: entry ? toAmountString(entry.due) : null,
    amountPaid: entry ? toAmountString(entry.paid) : null,
    confirmations: entry && entry.own.length > 0 ? Math.min(...entry.own.map((p) => p.confirmations)) : null,
    requiredConfirmations: info ? info.confirmations : null,
    upstreamStatus: inv.status,
    payments: records,
  };
  // Completed by Bitfinex with payments we could not tie to an entry (a method unknown to us and
  // Bitfinex's map alike): the amount is not claimed to be zero, it is left unknown; the payments
  // themselves are recorded as Bitfinex sent them.
  if (inv.status === "COMPLETED")
    return { ...base, kind: "full", ...(entry?.own.length === 0 && records.length > 0 && { amountPaid: null }) };
  if (entry && entry.paid.gte(entry.due)) {
    return { ...base, kind: inv.status === "EXPIRED" && entry.own.every(isFinalPayment) ? "full" : "detected" };
  }
  if (inv.status === "EXPIRED") return { ...base, kind: "expired" };
  if (entry && entry.paid.gt(0)) return { ...base, kind: "partial" };
  return { ...base, kind: "open" };
}
