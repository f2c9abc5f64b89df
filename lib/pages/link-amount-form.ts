/**
 * The amount form of a payment link where the customer chooses the amount, answered by GET /l/{id}
 * itself when the amount given cannot be paid: 422 with the form again and the reason in the
 * customer's language, so a bad amount (typed, or put in the URL) is a client error, not a
 * redirect to a 200 page. The first visit, with no amount yet, still goes to the page /l/{id}/amount.
 */
import { getLocale, getTranslations } from "next-intl/server";
import { fiatString } from "../checkouts/amounts";
import { formatFiat } from "../i18n/format";
import { escapeHtml, htmlPage } from "./html-page";
import { amountHintText, amountIssueText } from "./link-amount-text";
import type { Locale } from "../i18n/locales";
import type { AmountIssue } from "../merchant/link-amount";
import type { PaymentLinkRow } from "../merchant/payment-links";

/** The merchant's preset amounts as links (the same GET the form makes), or nothing. */
function presetLinks(link: PaymentLinkRow, embed: boolean, label: string, locale: Locale): string {
  const presets = (link.presetAmounts ?? []).map((a) => fiatString(a, link.currency));
  if (presets.length === 0) return "";
  const items = presets.map(
    (a) =>
      `<a href="/l/${escapeHtml(link.id)}?amount=${a}${embed ? "&amp;embed=1" : ""}">${escapeHtml(formatFiat(a, link.currency, locale))}</a>`,
  );
  return `<p id="preset-amounts">${escapeHtml(label)}</p>\n<p role="group" aria-labelledby="preset-amounts">${items.join(" ")}</p>\n`;
}

export async function linkAmountFormPage(
  link: PaymentLinkRow,
  given: string,
  issue: AmountIssue,
  embed: boolean,
): Promise<Response> {
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
  const html = `<form action="/l/${escapeHtml(link.id)}" method="get">
${embed ? '<input type="hidden" name="embed" value="1">' : ""}<h1>${escapeHtml(link.name)}</h1>
${link.description ? `<p>${escapeHtml(link.description)}</p>` : ""}${presetLinks(link, embed, t("presetAmountsLabel"), locale)}<label><span>${escapeHtml(t("amountLabel", { currency: link.currency }))}</span>
<input name="amount" inputmode="decimal" autocomplete="off" required aria-invalid="true" aria-describedby="amount-help" value="${escapeHtml(given.slice(0, 40))}"></label>
<p id="amount-help" class="error" role="alert">${escapeHtml(amountIssueText(t, issue, link.currency, locale))}</p>
<p>${escapeHtml(amountHintText(t, link, locale))}</p>
<button type="submit">${escapeHtml(t("continueToPayment"))}</button></form>`;
  return htmlPage(422, t("enterAnotherAmount", { name: link.name }), html);
}
