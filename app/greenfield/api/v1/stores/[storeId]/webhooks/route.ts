// POST/GET /greenfield/api/v1/stores/{storeId}/webhooks — Greenfield webhooks (lib/greenfield/webhooks.ts); a create answers 200 with the secret.
import { readGreenfieldBody } from "@/lib/greenfield/body";
import { createWebhook, listWebhooks } from "@/lib/greenfield/webhooks";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const POST = greenfieldRoute("btcpay.store.webhooks.canmodifywebhooks", async ({ request, services }) => {
  const { body } = await readGreenfieldBody(request);
  return createWebhook(services.deps.db, body, services.config.mode, services.deps.now());
});

export const GET = greenfieldRoute("btcpay.store.webhooks.canmodifywebhooks", async ({ services }) =>
  listWebhooks(services.deps.db),
);
