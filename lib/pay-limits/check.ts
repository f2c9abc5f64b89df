/**
 * Which offered currencies can take an amount, given the merchant's Bitfinex limits: pure, so the
 * rules are tested without Bitfinex. Amounts are compared in USD (the limits' unit), exactly.
 */
import { formatFiat } from "../i18n/format";
import { Money, toAmountString } from "../money/decimal";
import type { LimitsSnapshot } from "./source";

export interface OutOfRange {
  symbol: string;
  /** In USD; null when that side has no bound. */
  min: string | null;
  max: string | null;
}

export interface Payability {
  payable: string[];
  outside: OutOfRange[];
  /** Set when the amount is more than what is left of today's limit. */
  overDaily: { limit: string | null; remaining: string } | null;
}

export function classify(amountUsd: string, symbols: readonly string[], limits: LimitsSnapshot): Payability {
  const usd = new Money(amountUsd);
  const payable: string[] = [];
  const outside: OutOfRange[] = [];
  for (const symbol of symbols) {
    const l = limits.currencies.get(symbol);
    // A currency Bitfinex gave no range for is not limited by us; one it disabled is out.
    if (!l) payable.push(symbol);
    else if (!l.enabled || (l.min !== null && usd.lt(l.min)) || (l.max !== null && usd.gt(l.max)))
      outside.push({ symbol, min: l.min, max: l.max });
    else payable.push(symbol);
  }
  const remaining = limits.daily?.remaining ?? null;
  const overDaily =
    remaining !== null && usd.gt(remaining)
      ? { limit: limits.daily!.limit, remaining: toAmountString(new Money(remaining)) }
      : null;
  return { payable: overDaily ? [] : payable, outside, overDaily };
}

/** `amount` of `currency` in USD with the given rate, to the cent (rounded up: limits are never exceeded by rounding). */
export function inUsd(amount: string, rate: string): string {
  return new Money(amount).mul(rate).toDecimalPlaces(2, Money.ROUND_UP).toFixed(2);
}

/** "$0.10 to $1,000.00" in words for messages. */
export function rangeText(min: string | null, max: string | null): string {
  const usd = (v: string) => formatFiat(new Money(v).toFixed(2), "USD", "en");
  if (min !== null && max !== null) return `${usd(min)} to ${usd(max)}`;
  if (max !== null) return `up to ${usd(max)}`;
  if (min !== null) return `from ${usd(min)}`;
  return "any amount";
}
