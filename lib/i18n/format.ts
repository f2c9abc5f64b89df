/**
 * Formatting with Intl in the customer's locale. Amounts arrive as decimal strings and are passed
 * to Intl as strings (exact decimal formatting), never through a float.
 */
import { INTL_TAGS, type Locale } from "./locales";

/** "25.00" USD → "$25.00" (en), "25,00 $" (fr), "US$ 25,00" (pt)… */
export function formatFiat(amount: string, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(INTL_TAGS[locale], { style: "currency", currency });
  // Intl formats a decimal string exactly (ES2023); the cast only satisfies older typings.
  return format.format(amount as unknown as number);
}

/** A whole number in the locale's digits (confirmations, seconds). */
export function formatInteger(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: 0 }).format(value);
}

/** Remaining time as m:ss (or h:mm:ss), digits in the locale's numbering. */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const two = new Intl.NumberFormat(INTL_TAGS[locale], { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(INTL_TAGS[locale], { useGrouping: false });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}
