/**
 * What the customer's payment page gets: the order, the ways to pay (with the ones that do not
 * work right now marked, and why), and the instructions for the chosen one. No merchant-only
 * data: no webhook URL, metadata or Bitfinex ids.
 */
import { explorerUrl } from "../chains/explorers";
import type { Mode } from "../env";
import { PAY_CURRENCIES } from "../currencies/pay-currencies";
import { Money, isDecimalString } from "../money/decimal";
import { railUsable, type RailsHealth } from "../rail-health/health";
import { fiatString } from "./amounts";
import type { CheckoutRow, InvoiceRow } from "../db/schema";
import { isFinal } from "./state-machine";
import { paymentInstructions, statusView } from "./merchant-view";
import { openInvoiceOn } from "./rails/views";

export interface PayOption {
  symbol: string;
  assetName: string;
  networkName: string;
  networkMatters: boolean;
  available: boolean;
}

/** The instructions with the rate the invoice priced the asset at ("1 BTC = $100,000.00"). */
function withRate<T extends { amount: string }>(payment: T | null, fiat: string) {
  return payment && { ...payment, rate: rateOf(fiat, payment.amount) };
}

/**
 * The ways to pay, in the merchant's order. `excluded` are currencies whose Bitfinex range does not
 * take this amount (lib/pay-limits): they are not offered at all, rather than offered and refused
 * ("choose another currency") once picked; the one already chosen stays.
 */
export function payOptions(
  row: CheckoutRow,
  invoices: InvoiceRow[],
  rails: RailsHealth,
  excluded: ReadonlySet<string> = new Set(),
): PayOption[] {
  const hasPay = openInvoiceOn(invoices, "pay") !== undefined;
  const hasLightning = openInvoiceOn(invoices, "lightning") !== undefined;
  return row.payCurrencies.flatMap((symbol) => {
    const info = PAY_CURRENCIES.get(symbol);
    if (!info || (excluded.has(symbol) && symbol !== row.payCurrency)) return [];
    const viaPay = hasPay || railUsable(rails.pay);
    const viaLightning = symbol === "LNX" && (hasLightning || railUsable(rails.lightning));
    return [
      {
        symbol,
        assetName: info.assetName,
        networkName: info.networkName,
        networkMatters: info.networkMatters,
        available: viaPay || viaLightning,
      },
    ];
  });
}

/** Fiat per unit of crypto, to the cent ("25.00" for "0.00025" → "100000.00"); null when it cannot be known. */
export function rateOf(fiat: string, crypto: string | null): string | null {
  return crypto && isDecimalString(crypto) && new Money(crypto).gt(0) ? new Money(fiat).div(crypto).toFixed(2) : null;
}

/**
 * The status as the payment page reads it: the poll's answer (views.ts), plus the fiat value of
 * what is still due, worked out here in exact decimals so the browser never does money arithmetic.
 * `payment.payCurrency` is the currency Bitfinex saw paid once anything arrived (apply.ts records
 * it), which is what the screen follows.
 */
export function publicStatus(status: ReturnType<typeof statusView>) {
  const p = status.payment;
  const fiatRemaining =
    p?.amountDue && p.amountRemaining && new Money(p.amountDue).gt(0)
      ? new Money(status.amount).times(p.amountRemaining).div(p.amountDue).toFixed(2)
      : null;
  return { ...status, payment: p && { ...p, fiatRemaining } };
}

/** Bitfinex's transaction ids of the payments seen, with a public explorer link where one applies. */
export function transactionsOf(row: CheckoutRow, mode: Mode): Array<{ txid: string; url: string | null }> {
  return (row.payments ?? [])
    .filter((p) => p.txid)
    .map((p) => ({ txid: p.txid!, url: explorerUrl(mode, p.payCurrency, p.txid) }));
}

export function publicCheckoutView(
  row: CheckoutRow,
  invoices: InvoiceRow[],
  rails: RailsHealth,
  now: number,
  mode: Mode,
  excluded: ReadonlySet<string> & { readonly dailyLimitReached?: boolean } = new Set(),
) {
  const options = payOptions(row, invoices, rails, excluded);
  const hasPay = openInvoiceOn(invoices, "pay") !== undefined;
  return {
    id: row.id,
    orderId: row.orderId,
    description: row.description,
    amount: fiatString(row.amount, row.currency),
    currency: row.currency,
    type: row.type,
    /** The customer must fill in Bitfinex's details form before a Pay invoice can be made. */
    needsCustomerInfo: row.type === "ECOMMERCE" && !row.customerInfo && !hasPay,
    redirectUrl: isFinal(row.state) ? row.redirectUrl : null,
    options,
    /** Nothing can be paid right now (Bitfinex down for every offered currency). */
    unavailable: options.every((o) => !o.available),
    /** No offered currency can take this amount (the merchant's Bitfinex limits): the page says so and offers the way back. */
    unpayable: options.length === 0 && excluded.size > 0,
    /** The customer (by email) has too little left of their Bitfinex daily limit: only Lightning, if anything, is offered. */
    dailyLimitReached: excluded.dailyLimitReached === true,
    payment: withRate(
      row.payCurrency ? paymentInstructions(invoices, row.payCurrency) : null,
      fiatString(row.amount, row.currency),
    ),
    status: publicStatus(statusView(row, now)),
    transactions: transactionsOf(row, mode),
  };
}
