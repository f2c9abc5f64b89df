// A payment link's amount rules and problems as sentences in the customer's language.
import type { AmountIssue } from "../merchant/link-amount";
import { FIAT_CURRENCIES } from "../currencies/pay-currencies";
import { INTL_TAGS, type Locale } from "../i18n/locales";
import type { Messages } from "../i18n/messages";

type T = (key: keyof Messages, values?: Record<string, string | number>) => string;

/** "2.00 EUR" (en), "2,00 EUR" (de): the currency's decimals, the locale's separators, the ISO code customers see on the form. */
export function formatBound(amount: string, currency: string, locale: Locale): string {
  const digits = FIAT_CURRENCIES.get(currency) ?? 2;
  const number = new Intl.NumberFormat(INTL_TAGS[locale], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount as unknown as number);
  return `${number} ${currency}`;
}

export function amountIssueText(t: T, issue: AmountIssue, currency: string, locale: Locale): string {
  switch (issue.code) {
    case "required":
      return t("amountRequired");
    case "twice":
      return t("amountTwice");
    case "invalid":
      return t("amountInvalid", { example: formatBound("12.50", currency, locale).split(" ")[0]! });
    case "precision":
      return t("amountTooPrecise", { digits: issue.digits });
    case "min":
      return t("amountTooLow", { min: formatBound(issue.bound, currency, locale) });
    case "max":
      return t("amountTooHigh", { max: formatBound(issue.bound, currency, locale) });
  }
}

export function amountHintText(
  t: T,
  link: { minAmount: string | null; maxAmount: string | null; currency: string },
  locale: Locale,
): string {
  const min = link.minAmount && formatBound(link.minAmount, link.currency, locale);
  const max = link.maxAmount && formatBound(link.maxAmount, link.currency, locale);
  if (min && max) return t("amountHintRange", { min, max });
  if (min) return t("amountHintMin", { min });
  if (max) return t("amountHintMax", { max });
  return t("amountHint");
}
