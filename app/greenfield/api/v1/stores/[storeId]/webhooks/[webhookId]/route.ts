// GET/PUT/DELETE /greenfield/api/v1/stores/{storeId}/webhooks/{webhookId} — one Greenfield webhook.
import { readGreenfieldBody } from "@/lib/greenfield/body";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/greenfield/webhooks";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute("btcpay.store.webhooks.canmodifywebhooks", async ({ params, services }) =>
  getWebhook(services.deps.db, params.webhookId!),
);

export const PUT = greenfieldRoute("btcpay.store.webhooks.canmodifywebhooks", async ({ request, params, services }) => {
  const { body } = await readGreenfieldBody(request);
  return updateWebhook(services.deps.db, params.webhookId!, body, services.config.mode);
});

export const DELETE = greenfieldRoute("btcpay.store.webhooks.canmodifywebhooks", async ({ params, services }) => {
  await deleteWebhook(services.deps.db, params.webhookId!);
  return {};
});
