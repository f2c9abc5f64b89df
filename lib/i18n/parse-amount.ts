/**
 * An amount as a customer types it, in their language's habits ("7,50" in German, "1.234,50",
 * "1,234.50", "7.50" in a comma locale too), to the plain decimal string the server checks ("7.50"). What cannot
 * be read with confidence is returned unchanged, so the server's check refuses it with a sentence.
 */
import { INTL_TAGS, type Locale } from "./locales";

const SPACES = /[\s\u00a0\u202f'’]/g;

export function normalizeAmount(input: string, locale: Locale): string {
  const typed = input.replace(SPACES, "");
  const decimal =
    new Intl.NumberFormat(INTL_TAGS[locale]).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  const other = decimal === "," ? "." : ",";
  const grouped = (s: string, sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(s);
  if (/^\d+$/.test(typed)) return typed;
  // The locale's own decimal separator, with its grouping before it.
  const mine = new RegExp(`^(\\d+|\\d{1,3}(\\${other}\\d{3})+)\\${decimal}(\\d+)$`).exec(typed);
  if (mine) return `${typed.slice(0, typed.lastIndexOf(decimal)).split(other).join("")}.${mine[3]}`;
  // Grouping only ("1.234" in German, "1,234" in English).
  if (grouped(typed, other)) return typed.split(other).join("");
  // In a comma locale, a dot once before one or two digits is a decimal point typed out of habit
  // ("7.50" in German). Not the other way round: "10,50" where a comma groups thousands is ambiguous.
  const habit = decimal === "," ? /^(\d+)\.(\d{1,2})$/.exec(typed) : null;
  if (habit) return `${habit[1]}.${habit[2]}`;
  return input.trim();
}
