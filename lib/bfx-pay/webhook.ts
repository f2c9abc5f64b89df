/**
 * The body of the plugin's webhook, from the event stored in the outbox (lib/checkouts/outbox.ts
 * writes it when a plugin checkout is paid or expires): the same bytes on every delivery.
 */
import type { PayAddress } from "../bitfinex/types";
import type { NotificationPayload } from "../db/schema";
import { stringifyWithRawNumbers } from "../json/lossless-json";
import { bfxWebhookBody, type InvoiceSource } from "./invoice-view";

export function pluginWebhookBody(payload: NotificationPayload): string {
  const data = payload.data as { checkout: InvoiceSource; entries?: PayAddress[] };
  return stringifyWithRawNumbers(bfxWebhookBody(data.checkout, data.entries ?? []));
}
