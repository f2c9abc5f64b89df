// POST /api/v1/payment-links — create a reusable payment link. GET — list them.
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { createPaymentLink, listPaymentLinks, paymentLinkView } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("links:write", async (request, _ctx, { services }) => {
  const link = await createPaymentLink(services.deps, await readJsonBody(request));
  return jsonResponse(paymentLinkView(link, services.config.appUrl), 201);
});

export const GET = merchantRoute("links:read", async (_request, _ctx, { services }) => {
  const links = await listPaymentLinks(services.deps);
  return jsonResponse({ object: "list", data: links.map((l) => paymentLinkView(l, services.config.appUrl)) });
});
