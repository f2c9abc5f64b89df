// POST /api/dashboard/notifications/test — a test.ping event to the merchant's webhook URL
// (409 webhook_url_missing when none is set: the ping would wait, unsent, for one).
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/notifications/queries";
import { getWebhookUrl } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (_request, _ctx, { services }) => {
  const { url } = await getWebhookUrl(services.deps.db, services.config.merchantWebhookUrl);
  if (url === null)
    throw new ApiError({
      code: "webhook_url_missing",
      message: "No webhook URL is set: enter your endpoint under Settings, Webhook, then send a test event.",
      field: "url",
    });
  const row = await sendTestEvent(services.deps.db, services.deps.now(), services.config.mode);
  return jsonResponse({ id: row.id, status: row.status }, 201);
});
