// POST /api/v1/webhook-endpoint/test — sends a test.ping (tried once, not retried for days).
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { sendTestPing } from "@/lib/notifications/endpoint-api";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("webhooks:admin", async (_request, _ctx, { services }) => {
  const { config, deps } = services;
  return jsonResponse(await sendTestPing(deps.db, config.merchantWebhookUrl, deps.now(), config.mode), 201);
});
