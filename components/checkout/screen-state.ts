/**
 * What the payment screen shows, derived from what the server says (pure, tested without a
 * browser). The screen follows the money: once Bitfinex reports a payment, the currency it arrived
 * in decides the instructions, whatever radio was clicked last (one Bitfinex Pay invoice accepts
 * every offered currency, so a customer can look at one and pay with another).
 */
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { Money, isDecimalString } from "@/lib/money/decimal";
import type { CheckoutStatus, CheckoutView, Payment } from "./types";

export type ScreenMode = "active" | "unavailable" | `final:${string}`;

export function screenMode(view: Pick<CheckoutView, "unavailable">, status: Pick<CheckoutStatus, "state" | "final">): ScreenMode {
  if (status.final || status.state === "expired") return `final:${status.state}`;
  return view.unavailable ? "unavailable" : "active";
}

const positive = (amount: string | null | undefined) => !!amount && isDecimalString(amount) && new Money(amount).gt(0);

/** The currency money arrived in, if any has. */
export function paidCurrency(status: Pick<CheckoutStatus, "payment">): string | null {
  return status.payment && positive(status.payment.amountPaid) ? status.payment.payCurrency : null;
}

/** The currency the screen is about: the one paid in, else the customer's choice. */
export function focusCurrency(status: Pick<CheckoutStatus, "payment">, selected: string | null): string | null {
  return paidCurrency(status) ?? selected;
}

/** The instructions to show, once the server has prepared them for the currency in focus. */
export function shownPayment(view: Pick<CheckoutView, "payment">, status: Pick<CheckoutStatus, "payment">, selected: string | null): Payment | null {
  const currency = focusCurrency(status, selected);
  return view.payment && currency && view.payment.payCurrency === currency ? view.payment : null;
}

export interface DueAmounts {
  /** What to send now: the whole amount, or the rest after a part payment. */
  amount: string;
  /** The fiat value of `amount` (the order total, or its share still due). */
  fiat: string;
  /** Set after a part payment in this currency. */
  partial: { paid: string; remaining: string } | null;
}

/**
 * The amount to send for these instructions. After a part payment the rest is what is due, and its
 * fiat value is the order's total in the same proportion (exact decimals, never a float).
 */
export function dueAmounts(view: Pick<CheckoutView, "amount">, payment: Pick<Payment, "amount" | "payCurrency">, status: Pick<CheckoutStatus, "state" | "payment">): DueAmounts {
  const p = status.payment;
  if (status.state !== "underpaid" || !p || p.payCurrency !== payment.payCurrency || !p.amountRemaining || !positive(p.amountPaid)) {
    return { amount: payment.amount, fiat: view.amount, partial: null };
  }
  const due = positive(p.amountDue) ? p.amountDue! : payment.amount;
  const fiat = new Money(view.amount).times(p.amountRemaining).div(due).toFixed();
  return { amount: p.amountRemaining, fiat, partial: { paid: p.amountPaid, remaining: p.amountRemaining } };
}

/** Fiat per unit of the asset, as the invoice priced it ("1 BTC = $100,000.00"); null if it cannot be known. */
export function exchangeRate(view: Pick<CheckoutView, "amount">, payment: Pick<Payment, "amount">): string | null {
  return positive(payment.amount) ? new Money(view.amount).div(payment.amount).toFixed(2) : null;
}

/** The asset as customers know it: "BTC", "USDt", "EURt". */
export function assetOf(payCurrency: string): string {
  const asset = PAY_CURRENCIES.get(payCurrency)?.asset ?? payCurrency;
  return asset === "UST" ? "USDt" : asset === "EUT" ? "EURt" : asset;
}
