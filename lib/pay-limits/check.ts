/**
 * Which offered currencies can take an amount, given the merchant's Bitfinex limits: pure, so the
 * rules are tested without Bitfinex. Each limit is compared in its own currency (`limitCcy`, USD
 * when Bitfinex names none), exactly; a limit whose currency the amount could not be converted to
 * is not checked here (Bitfinex decides when the invoice is made, and its refusal is shown).
 */
import { FIAT_CURRENCIES } from "../currencies/pay-currencies";
import { formatFiat } from "../i18n/format";
import { Money, toAmountString } from "../money/decimal";
import type { CustomerLimit, LimitsSnapshot } from "./source";

export interface OutOfRange {
  symbol: string;
  /** In `currency`; null when that side has no bound. */
  min: string | null;
  max: string | null;
  currency: string;
}

/** An end customer for whom this amount is more than what is left of their daily limit today. */
export interface OverDaily {
  email: string;
  limit: string;
  remaining: string;
  currency: string;
}

export interface Payability {
  payable: string[];
  outside: OutOfRange[];
  /** Set when the amount is more than what is left of this customer's daily limit (no Pay currency can take it then). */
  overDaily: OverDaily | null;
}

/** The amount in each currency it could be converted to (the checkout's own included). */
export type AmountIn = ReadonlyMap<string, string>;

export function classify(
  amounts: AmountIn,
  symbols: readonly string[],
  limits: LimitsSnapshot,
  customer: CustomerLimit | null = null,
): Payability {
  const payable: string[] = [];
  const outside: OutOfRange[] = [];
  for (const symbol of symbols) {
    const l = limits.currencies.get(symbol);
    const amount = l && amounts.get(l.currency);
    // A currency Bitfinex gave no range for (or whose range we cannot compare) is not limited by
    // us; one it disabled is out.
    if (!l) payable.push(symbol);
    else if (!l.enabled) outside.push({ symbol, min: l.min, max: l.max, currency: l.currency });
    else if (amount === undefined) payable.push(symbol);
    else if ((l.min !== null && new Money(amount).lt(l.min)) || (l.max !== null && new Money(amount).gt(l.max)))
      outside.push({ symbol, min: l.min, max: l.max, currency: l.currency });
    else payable.push(symbol);
  }
  let overDaily: OverDaily | null = null;
  const amount = customer ? amounts.get(customer.currency) : undefined;
  if (customer && amount !== undefined) {
    const left = new Money(customer.limit).sub(customer.used);
    const remaining = left.isNegative() ? new Money(0) : left;
    if (new Money(amount).gt(remaining))
      overDaily = {
        email: customer.email,
        limit: customer.limit,
        remaining: toAmountString(remaining),
        currency: customer.currency,
      };
  }
  return { payable: overDaily ? [] : payable, outside, overDaily };
}

/**
 * `amount` times `rate`, in the target currency: to the cent for a fiat, to 8 places otherwise,
 * rounded up (a limit is never passed by rounding).
 */
export function convertAmount(amount: string, rate: string, to: string): string {
  const places = FIAT_CURRENCIES.get(to) ?? 8;
  return new Money(amount).mul(rate).toDecimalPlaces(places, Money.ROUND_UP).toFixed(places);
}

/** "$0.10 to $1,000.00" in words for messages, in the limit's currency. */
export function rangeText(min: string | null, max: string | null, currency = "USD"): string {
  const shown = (v: string) => formatFiat(new Money(v).toFixed(2), currency, "en");
  if (min !== null && max !== null) return `${shown(min)} to ${shown(max)}`;
  if (max !== null) return `up to ${shown(max)}`;
  if (min !== null) return `from ${shown(min)}`;
  return "any amount";
}
