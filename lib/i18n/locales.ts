/**
 * The payment page's languages. Detected from the browser (Accept-Language), switchable by the
 * customer (remembered in a cookie). Arabic is written right to left.
 */
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const LOCALES = ["en", "de", "fr", "es", "pt", "ja", "zh", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "checkout_lang";

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  pt: "Português",
  ja: "日本語",
  zh: "中文",
  ar: "العربية",
};

/** The BCP 47 tag Intl formats with (regional variant where it matters for numbers and dates). */
export const INTL_TAGS: Record<Locale, string> = {
  en: "en",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  pt: "pt-BR",
  ja: "ja-JP",
  zh: "zh-CN",
  ar: "ar",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function direction(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * Picks a locale: an explicit choice first, else the best match for Accept-Language. The header is
 * read by `negotiator` (q values, order) and matched by `@formatjs/intl-localematcher` (BCP 47
 * lookup: "pt-BR" finds "pt"), the pair next-intl's own middleware uses. A malformed tag is
 * dropped rather than failing the page.
 */
export function negotiateLocale(choice: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(choice)) return choice;
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } })
    .languages()
    .filter(isWellFormedTag);
  return match(requested, LOCALES, DEFAULT_LOCALE, { algorithm: "lookup" }) as Locale;
}

function isWellFormedTag(tag: string): boolean {
  try {
    return tag !== "*" && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
