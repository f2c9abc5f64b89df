/**
 * Money helpers. Every amount in this app is a decimal string on the wire and a
 * Decimal in code; a JavaScript float never holds money.
 */
import Decimal from "decimal.js";

// 40 significant digits is far beyond any currency's precision; ROUND_DOWN so that a
// conversion never invents value we did not receive.
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN, toExpNeg: -40, toExpPos: 40 });
export type Money = Decimal;

const DECIMAL_RE = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** True for a plain decimal literal: no exponent, no leading "+", no leading zeros, no NaN. */
export function isDecimalString(value: string): boolean {
  return DECIMAL_RE.test(value);
}

/** Parses a plain decimal string; throws on anything else (exponents, NaN, blanks). */
export function money(value: string): Decimal {
  if (!isDecimalString(value)) throw new TypeError(`not a decimal amount: ${JSON.stringify(value)}`);
  return new Money(value);
}

/** Canonical string form: no exponent, no trailing zeros ("1.50" -> "1.5", "2.0" -> "2"). */
export function toAmountString(value: Decimal): string {
  const fixed = value.toFixed();
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** Number of digits after the decimal point of a decimal string. */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf(".");
  return dot === -1 ? 0 : value.length - dot - 1;
}
