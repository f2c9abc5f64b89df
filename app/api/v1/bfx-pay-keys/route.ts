// POST /api/v1/bfx-pay-keys — {"name"}: a key for Bitfinex Pay's WooCommerce plugin; its secret is in this answer only,
//                             with the plugin's "Api url" and "Redirect url".
// GET  /api/v1/bfx-pay-keys — the keys (never a secret).
import { bfxKeyInputSchema, createBfxKey, keyView, listBfxKeys, pluginUrls } from "@/lib/bfx-pay/keys";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("plugins:admin", async (request, _ctx, { services, audit }) => {
  const parsed = bfxKeyInputSchema.parse(await readJsonBody(request));
  const key = await createBfxKey(services.deps.db, parsed.name, services.config.appUrl, services.deps.now());
  await audit("api_key.created", key.id, { kind: "woocommerce_plugin", name: parsed.name });
  return jsonResponse({ object: "bfx_pay_key" as const, ...key }, 201);
});

export const GET = merchantRoute("plugins:admin", async (_request, _ctx, { services }) => {
  const keys = await listBfxKeys(services.deps.db);
  return jsonResponse({ object: "list", data: keys.map(keyView), ...pluginUrls(services.config.appUrl) });
});
