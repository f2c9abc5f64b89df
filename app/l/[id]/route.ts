// GET /l/{id} — a reusable payment link. Each visit makes a fresh checkout and sends the customer
// to it; links where the customer chooses the amount go through /l/{id}/amount first. `embed=1`
// (added by /embed.js) is passed on, so the payment page knows it is in the merchant's overlay.
import { ApiError } from "@/lib/http/api-error";
import { htmlMessage } from "@/lib/http/html-page";
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
  if (!link.amount && (amount === null || linkAmountProblem(link, amount))) {
    const next = new URLSearchParams();
    if (amount !== null) next.set("amount", amount.slice(0, 40));
    if (embed) next.set("embed", "1");
    return Response.redirect(`${base}/l/${link.id}/amount${next.size ? `?${next}` : ""}`, 303);
  }
  try {
    const checkout = await checkoutFromLink(deps, link, amount);
    return Response.redirect(`${base}/pay/${checkout.id}${embed ? "?embed=1" : ""}`, 303);
  } catch (e) {
    if (e instanceof ApiError) return htmlMessage(e.status, "This link cannot be used", e.message);
    throw e;
  }
}
