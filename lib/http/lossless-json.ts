/**
 * JSON without float rounding. Bitfinex sends amounts as JSON numbers (`"amount": 2.51094528`);
 * JSON.parse would turn them into doubles. These helpers keep every non-integer number as its
 * literal text, so an amount reaches Decimal exactly as Bitfinex wrote it.
 */

/**
 * Parses JSON, turning every number literal that has a fraction or an exponent into a string
 * holding its exact text. Integers (ids, millisecond timestamps, counts) stay numbers.
 */
export function parseJsonLossless(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      // Copy a whole string literal, honouring escapes, so digits inside strings are left alone.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (match) {
        const literal = match[0];
        out += match[1] || match[2] ? `"${literal}"` : literal;
        i += literal.length;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return JSON.parse(out);
}

/** A decimal that must be written into JSON as a bare number literal, digit for digit. */
export class RawNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+(\.\d+)?$/.test(literal)) throw new TypeError(`not a number literal: ${literal}`);
  }
}

/** JSON.stringify that writes RawNumber values as bare number literals (the way Bitfinex sends amounts). */
export function stringifyWithRawNumbers(value: unknown): string {
  // A fresh marker per call, so no string in the data (say, a customer's name) can pose as one.
  const mark = `\u0000${globalThis.crypto.randomUUID()}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawNumber ? mark + v.literal : v));
  const escaped = JSON.stringify(mark).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  return json.replace(new RegExp(`"${escaped}(-?[0-9.]+)"`, "g"), "$1");
}
