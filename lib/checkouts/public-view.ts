/**
 * What the customer's payment page gets: the order, the ways to pay (with the ones that do not
 * work right now marked, and why), and the instructions for the chosen one. No merchant-only
 * data: no webhook URL, metadata or Bitfinex ids.
 */
import { PAY_CURRENCIES } from "../currencies/pay-currencies";
import { railUsable, type RailsHealth } from "../rails/health";
import { fiatString } from "./amounts";
import type { CheckoutRow, InvoiceRow } from "./repository";
import { isFinal } from "./state-machine";
import { paymentInstructions, statusView } from "./views";

export interface PayOption {
  symbol: string;
  assetName: string;
  networkName: string;
  networkMatters: boolean;
  available: boolean;
}

export function payOptions(row: CheckoutRow, invoices: InvoiceRow[], rails: RailsHealth): PayOption[] {
  const hasPay = invoices.some((i) => i.rail === "pay" && i.status === "open");
  const hasLightning = invoices.some((i) => i.rail === "lightning" && i.status === "open");
  return row.payCurrencies.flatMap((symbol) => {
    const info = PAY_CURRENCIES.get(symbol);
    if (!info) return [];
    const viaPay = hasPay || railUsable(rails.pay);
    const viaLightning = symbol === "LNX" && (hasLightning || railUsable(rails.lightning));
    return [{ symbol, assetName: info.assetName, networkName: info.networkName, networkMatters: info.networkMatters, available: viaPay || viaLightning }];
  });
}

export function publicCheckoutView(row: CheckoutRow, invoices: InvoiceRow[], rails: RailsHealth, now: number) {
  const options = payOptions(row, invoices, rails);
  const hasPay = invoices.some((i) => i.rail === "pay" && i.status === "open");
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
    payment: row.payCurrency ? paymentInstructions(invoices, row.payCurrency) : null,
    status: statusView(row, now),
  };
}
