/**
 * JSON without float rounding. Bitfinex sends amounts as JSON numbers (`"amount": 2.51094528`);
 * JSON.parse would turn them into doubles. Parsing and writing are done by `lossless-json`
 * (a maintained parser that hands us each number's literal text); this file only fixes our policy:
 * every number with a fraction or an exponent, and every integer too large for a double, becomes
 * a string holding its exact text, so an amount reaches Decimal exactly as Bitfinex wrote it.
 * Safe integers (ids, millisecond timestamps, counts) stay numbers.
 */
import { isInteger, isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";

export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (literal) => (isInteger(literal) && isSafeNumber(literal) ? Number(literal) : literal));
}

/** A decimal that must be written into JSON as a bare number literal, digit for digit. */
export class RawNumber extends LosslessNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+(\.\d+)?$/.test(literal)) throw new TypeError(`not a number literal: ${literal}`);
    super(literal);
  }
}

/** JSON.stringify that writes RawNumber values as bare number literals (the way Bitfinex sends amounts). */
export function stringifyWithRawNumbers(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError("nothing to write as JSON");
  return text;
}
