// POST /api/dashboard/payment-links — create a reusable payment link from the dashboard.
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { createPaymentLink, paymentLinkView } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const link = await createPaymentLink(services.deps, await readJsonBody(request));
  return jsonResponse(paymentLinkView(link, services.config.appUrl), 201);
});
