// GET /api/v1/payment-links/{id}; PATCH with {"active": false} turns a link off (true turns it back on).
import { fromZodError, notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { findPaymentLink, paymentLinkPatchSchema, paymentLinkView, setPaymentLinkActive } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = merchantRoute<Ctx>(async (_request, { params }, { services }) => {
  const link = await findPaymentLink(services.deps, (await params).id);
  if (!link) throw notFound("This payment link");
  return jsonResponse(paymentLinkView(link, services.config.appUrl));
});

export const PATCH = merchantRoute<Ctx>(async (request, { params }, { services }) => {
  const parsed = paymentLinkPatchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  const link = await setPaymentLinkActive(services.deps, (await params).id, parsed.data.active);
  return jsonResponse(paymentLinkView(link, services.config.appUrl));
});
