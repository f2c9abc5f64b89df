// GET /api/v1/payment-links/{id}; PATCH edits it: any field it was created with (null clears an
// optional one), or {"active": false} to turn it off (true turns it back on).
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { updatePaymentLink } from "@/lib/merchant/payment-link-update";
import { findPaymentLink, paymentLinkView } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = merchantRoute<Ctx>("links:read", async (_request, { params }, { services }) => {
  const link = await findPaymentLink(services.deps, (await params).id);
  if (!link) throw notFound("This payment link");
  return jsonResponse(paymentLinkView(link, services.config.appUrl));
});

export const PATCH = merchantRoute<Ctx>("links:write", async (request, { params }, { services }) => {
  const link = await updatePaymentLink(services.deps, (await params).id, await readJsonBody(request));
  return jsonResponse(paymentLinkView(link, services.config.appUrl));
});
