// PUT /api/dashboard/webhook — {"url": "https://…" | null}: where merchant notifications go.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { getWebhookSettings, getWebhookUrl, setWebhookUrl } from "@/lib/notifications/settings";

export const dynamic = "force-dynamic";

const schema = z.object({ url: z.string().trim().max(2000, "must be at most 2000 characters").nullable() }).strict();

export const PUT = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = schema.parse(await readJsonBody(request));
  // Only the URL is read first (reading the settings would make a signing secret if none exists yet).
  const before = await getWebhookUrl(services.deps.db, services.config.merchantWebhookUrl);
  await setWebhookUrl(services.deps.db, parsed.url || null, services.config.mode, services.config.webhookAllowPrivate);
  const settings = await getWebhookSettings(services.deps.db, services.config.merchantWebhookUrl);
  await audit("webhook_endpoint.changed", null, { url: { from: before.url, to: settings.url } });
  return jsonResponse({ url: settings.url, urlSource: settings.urlSource });
});
