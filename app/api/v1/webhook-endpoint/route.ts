// GET /api/v1/webhook-endpoint — where merchant notifications go, and where the secret comes from (never the secret).
// PUT /api/v1/webhook-endpoint — {"url": "https://…" | null}: set it (the dashboard's URL rules).
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { readWebhookEndpoint, webhookEndpointInputSchema } from "@/lib/notifications/endpoint-api";
import { setWebhookUrl } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

export const GET = merchantRoute("webhooks:admin", async (_request, _ctx, { services }) => {
  const { config, deps } = services;
  return jsonResponse(await readWebhookEndpoint(deps.db, config.merchantWebhookUrl, config.merchantWebhookSecret));
});

export const PUT = merchantRoute("webhooks:admin", async (request, _ctx, { services, audit }) => {
  const { config, deps } = services;
  const parsed = webhookEndpointInputSchema.parse(await readJsonBody(request));
  await setWebhookUrl(deps.db, parsed.url || null, config.mode, config.webhookAllowPrivate);
  await audit("webhook_endpoint.changed", null, { url: parsed.url || null });
  return jsonResponse(await readWebhookEndpoint(deps.db, config.merchantWebhookUrl, config.merchantWebhookSecret));
});
