// GET /l/{id} — a reusable payment link. Each visit makes a fresh checkout and sends the customer
// to it; links where the customer chooses the amount go through /l/{id}/amount first, and a chosen
// amount that cannot be paid gets the form again with a 422. `embed=1`
// (added by /embed.js) is passed on, so the payment page knows it is in the merchant's overlay.
import { ApiError } from "@/lib/errors/api-error";
import { getLocale, getTranslations } from "next-intl/server";
import { htmlMessage, linkErrorPage } from "@/lib/pages/html-page";
import { isLocale } from "@/lib/i18n/locales";
import { normalizeAmount } from "@/lib/i18n/parse-amount";
import { countVisitorCheckout } from "@/lib/server/visitor-checkouts";
import { linkAmountIssue } from "@/lib/merchant/link-amount";
import { linkAmountFormPage } from "@/lib/pages/link-amount-form";
import { checkoutFromLink, findPaymentLink } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { deps } = await getServices();
  const [link, t, locale] = await Promise.all([findPaymentLink(deps, id), getTranslations(), getLocale()]);
  if (!link) return htmlMessage(404, t("linkNotFoundTitle"), t("linkNotFoundBody"));
  if (!link.active) return htmlMessage(410, t("linkOffTitle"), t("linkOffBody"));
  const query = new URL(request.url).searchParams;
  // As the customer typed it ("7,50" in a comma locale), read as a plain decimal ("7.50").
  const typed = query.getAll("amount");
  const amounts = isLocale(locale) ? typed.map((a) => normalizeAmount(a, locale)) : typed;
  const amount = amounts[0] ?? null;
  const embed = query.get("embed") === "1";
  const base = deps.appUrl;
  if (!link.amount && amount === null) {
    return Response.redirect(`${base}/l/${link.id}/amount${embed ? "?embed=1" : ""}`, 303);
  }
  // A chosen amount that cannot be paid (typed in the form, or put in the URL): a 422 with the
  // form again and the reason. Given twice, the amount is refused too, rather than picking one.
  const issue = link.amount ? null : linkAmountIssue(link, amounts);
  if (issue) return linkAmountFormPage(link, typed[0] ?? "", issue, embed);
  try {
    // Each visit makes a checkout: limited per client (lib/limits/creation-limiter.ts).
    await countVisitorCheckout(request);
    const checkout = await checkoutFromLink(deps, link, amount);
    return Response.redirect(`${base}/pay/${checkout.id}${embed ? "?embed=1" : ""}`, 303);
  } catch (e) {
    if (e instanceof ApiError) return linkErrorPage(e);
    throw e;
  }
}
