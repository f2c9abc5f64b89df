import { z } from "zod";
import { Money, toAmountString } from "../../money/decimal";

/**
 * An amount as Bitfinex sends it: a JSON number (kept as its exact text by parseJsonLossless)
 * or a string. Normalised to a canonical decimal string.
 */
export const wireDecimal = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "not a decimal number" });
    return z.NEVER;
  }
  return toAmountString(new Money(text));
});

/** A millisecond timestamp; tolerates the value arriving as a numeric string. */
export const wireMillis = z.union([z.number(), z.string().regex(/^\d+$/)]).transform((v) => Number(v));
