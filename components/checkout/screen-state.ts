/**
 * What the payment screen shows, derived from what the server says (pure, tested without a
 * browser). The screen follows the money: once Bitfinex reports a payment, the currency it arrived
 * in decides the instructions, whatever radio was clicked last (one Bitfinex Pay invoice accepts
 * every offered currency, so a customer can look at one and pay with another). No arithmetic on
 * money here: the server sends the rate and the fiat value of what is due (public-view.ts).
 */
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import type { CheckoutStatus, CheckoutView, Payment } from "./types";

export type ScreenMode = "active" | "unavailable" | "unpayable" | `final:${string}`;

/**
 * "unpayable": no offered currency can take the amount (the merchant's Bitfinex limits). Said once,
 * with the way back to the shop, instead of offering currencies that would each be refused.
 */
export function screenMode(
  view: Pick<CheckoutView, "unavailable"> & Partial<Pick<CheckoutView, "unpayable">>,
  status: Pick<CheckoutStatus, "state" | "final">,
): ScreenMode {
  if (status.final || status.state === "expired") return `final:${status.state}`;
  if (view.unpayable) return "unpayable";
  return view.unavailable ? "unavailable" : "active";
}

/** A plain decimal string above zero, read as text ("0.0001" yes, "0" and "0.000" no). */
const positive = (amount: string | null | undefined) =>
  !!amount && /^\d+(\.\d+)?$/.test(amount) && /[1-9]/.test(amount);

/** The currency money arrived in, if any has. */
export function paidCurrency(status: Pick<CheckoutStatus, "payment">): string | null {
  return status.payment && positive(status.payment.amountPaid) ? status.payment.payCurrency : null;
}

/** The currency the screen is about: the one paid in, else the customer's choice. */
export function focusCurrency(status: Pick<CheckoutStatus, "payment">, selected: string | null): string | null {
  return paidCurrency(status) ?? selected;
}

/** The instructions to show, once the server has prepared them for the currency in focus. */
export function shownPayment(
  view: Pick<CheckoutView, "payment">,
  status: Pick<CheckoutStatus, "payment">,
  selected: string | null,
): Payment | null {
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
export function dueAmounts(
  view: Pick<CheckoutView, "amount">,
  payment: Pick<Payment, "amount" | "payCurrency">,
  status: Pick<CheckoutStatus, "state" | "payment">,
): DueAmounts {
  const p = status.payment;
  if (
    status.state !== "underpaid" ||
    !p ||
    p.payCurrency !== payment.payCurrency ||
    !p.amountRemaining ||
    !positive(p.amountPaid)
  ) {
    return { amount: payment.amount, fiat: view.amount, partial: null };
  }
  return {
    amount: p.amountRemaining,
    fiat: p.fiatRemaining ?? view.amount,
    partial: { paid: p.amountPaid, remaining: p.amountRemaining },
  };
}

/** The asset as customers know it: "BTC", "USDt", "EURt". */
export function assetOf(payCurrency: string): string {
  const asset = PAY_CURRENCIES.get(payCurrency)?.asset ?? payCurrency;
  return asset === "UST" ? "USDt" : asset === "EUT" ? "EURt" : asset;
}
