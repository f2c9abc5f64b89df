// POST /api/dashboard/payment-links — create a reusable payment link from the dashboard.
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { createPaymentLink, paymentLinkView } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const body = await readJsonBody(request);
  const link = await createPaymentLink(services.deps, body);
  await audit("link.created", link.id, { link: body });
  return jsonResponse(paymentLinkView(link, services.config.appUrl), 201);
});
