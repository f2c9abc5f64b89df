/**
 * The amount form of a payment link where the customer chooses the amount, answered by GET /l/{id}
 * itself when the amount given cannot be paid: 422 with the form again and the reason, so a bad
 * amount (typed, or put in the URL) is a client error, not a redirect to a 200 page. The first
 * visit, with no amount yet, still goes to the page /l/{id}/amount.
 */
import { escapeHtml, htmlPage } from "../http/html-page";
import type { PaymentLinkRow } from "./payment-links";
import { fiatString } from "../checkouts/amounts";

export function linkAmountFormPage(link: PaymentLinkRow, given: string, problem: string, embed: boolean): Response {
  const bound = (label: string, value: string | null) => (value ? `${label} ${fiatString(value, link.currency)} ${link.currency}` : null);
  const hint = [bound("at least", link.minAmount), bound("at most", link.maxAmount)].filter(Boolean).join(", ");
  const html = `<form action="/l/${escapeHtml(link.id)}" method="get">
${embed ? '<input type="hidden" name="embed" value="1">' : ""}<h1>${escapeHtml(link.name)}</h1>
${link.description ? `<p>${escapeHtml(link.description)}</p>` : ""}<label><span>Amount (${escapeHtml(link.currency)})</span>
<input name="amount" inputmode="decimal" autocomplete="off" required aria-invalid="true" aria-describedby="amount-help" value="${escapeHtml(given.slice(0, 40))}"></label>
<p id="amount-help" class="error" role="alert">${escapeHtml(`The amount ${problem}.`)}</p>
${hint ? `<p>${escapeHtml(`Enter an amount, ${hint}.`)}</p>` : ""}
<button type="submit">Continue to payment</button></form>`;
  return htmlPage(422, `${link.name}: enter another amount`, html);
}
