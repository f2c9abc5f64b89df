// POST /api/dashboard/webhook/secret — rotate the signing secret (the old one stops at once);
// 409 secret_from_configuration while MERCHANT_WEBHOOK_SECRET gives it.
import { dashboardRoute } from "@/lib/auth/session";
import { jsonResponse } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (_request, _ctx, { services, audit }) => {
  const secret = await rotateWebhookSecret(services.deps.db, services.config.merchantWebhookSecret);
  await audit("webhook_secret.rotated");
  return jsonResponse({ secret });
});
