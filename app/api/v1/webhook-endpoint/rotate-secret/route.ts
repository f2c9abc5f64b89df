// POST /api/v1/webhook-endpoint/rotate-secret — a new signing secret, returned this once (the old
// one stops at once); 409 secret_from_configuration while MERCHANT_WEBHOOK_SECRET gives it.
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("webhooks:admin", async (_request, _ctx, { services, audit }) => {
  const secret = await rotateWebhookSecret(services.deps.db, services.config.merchantWebhookSecret);
  await audit("webhook_secret.rotated");
  return jsonResponse({ object: "webhook_secret", secret });
});
