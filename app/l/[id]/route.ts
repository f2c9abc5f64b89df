// GET /l/{id} — a reusable payment link. Each visit makes a fresh checkout and sends the customer
// to it; links where the customer chooses the amount go through /l/{id}/amount first, and a chosen
// amount that cannot be paid gets the form again with a 422. `embed=1`
// (added by /embed.js) is passed on, so the payment page knows it is in the merchant's overlay.
import { ApiError } from "@/lib/http/api-error";
import { htmlMessage, linkErrorPage } from "@/lib/http/html-page";
import { countVisitorCheckout } from "@/lib/limits/visitor-checkouts";
import { linkAmountFormPage } from "@/lib/merchant/link-amount-form";
import { checkoutFromLink, findPaymentLink, linkAmountProblem } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { deps } = await getServices();
  const link = await findPaymentLink(deps, id);
  if (!link) return htmlMessage(404, "Payment link not found", "This payment link does not exist. Please check the address with the merchant.");
  if (!link.active) return htmlMessage(410, "Payment link turned off", "The merchant has turned this payment link off. Please contact them for a new one.");
  const query = new URL(request.url).searchParams;
  const amount = query.get("amount");
  const embed = query.get("embed") === "1";
  const base = deps.appUrl;
  if (!link.amount && amount === null) {
    return Response.redirect(`${base}/l/${link.id}/amount${embed ? "?embed=1" : ""}`, 303);
  }
  // A chosen amount that cannot be paid (typed in the form, or put in the URL): a 422 with the
  // form again and the reason. Given twice, the amount is refused too, rather than picking one.
  const problem = link.amount ? null : query.getAll("amount").length > 1 ? "must be given once" : linkAmountProblem(link, amount);
  if (problem) return linkAmountFormPage(link, amount ?? "", problem, embed);
  try {
    // Each visit makes a checkout: limited per client (lib/checkouts/creation-limiter.ts).
    await countVisitorCheckout(request);
    const checkout = await checkoutFromLink(deps, link, amount);
    return Response.redirect(`${base}/pay/${checkout.id}${embed ? "?embed=1" : ""}`, 303);
  } catch (e) {
    if (e instanceof ApiError) return linkErrorPage(e);
    throw e;
  }
}
