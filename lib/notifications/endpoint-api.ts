/**
 * The merchant API's view of the webhook endpoint (/api/v1/webhook-endpoint): where notifications
 * go and where the signing secret comes from. The secret itself is never in this view; it is
 * shown once, by a rotation, or lives in MERCHANT_WEBHOOK_SECRET where the operator put it.
 */
import "server-only";
import { z } from "zod";
import type { Db } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { sendTestEvent } from "./queries";
import { getWebhookSettings, getWebhookUrl, type WebhookSettings } from "./settings";
import type { Mode } from "../env";

/** PUT body: the URL (the same rules as the dashboard's, checked by setWebhookUrl), or null for nowhere. */
export const webhookEndpointInputSchema = z
  .object({
    url: z
      .string({ error: "must be a URL string or null" })
      .trim()
      .max(2048, "must be at most 2048 characters")
      .nullable(),
  })
  .strict();

export function webhookEndpointView(settings: Pick<WebhookSettings, "url" | "urlSource" | "secretSource">) {
  return {
    object: "webhook_endpoint" as const,
    url: settings.url,
    urlSource: settings.urlSource,
    secretSource: settings.secretSource,
  };
}

export async function readWebhookEndpoint(db: Db, envUrl: string | null, envSecret: string | null) {
  return webhookEndpointView(await getWebhookSettings(db, envUrl, envSecret));
}

/** A test.ping to the merchant's URL; refused when there is none (it would wait, unsent, for one). */
export async function sendTestPing(db: Db, envUrl: string | null, now: number, mode: Mode) {
  const { url } = await getWebhookUrl(db, envUrl);
  if (url === null)
    throw new ApiError({
      code: "webhook_url_missing",
      message: 'No webhook URL is set: PUT /api/v1/webhook-endpoint with {"url": …} first.',
      field: "url",
    });
  const row = await sendTestEvent(db, now, mode);
  return { object: "webhook_event" as const, id: row.id, type: row.type, status: row.status };
}
