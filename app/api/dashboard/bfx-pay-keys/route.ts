// POST /api/dashboard/bfx-pay-keys — {"name"}: a key for Bitfinex Pay's WooCommerce plugin, secret shown in this answer only.
import { bfxKeyInputSchema, createBfxKey } from "@/lib/bfx-pay/keys";
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = bfxKeyInputSchema.parse(await readJsonBody(request));
  const made = await createBfxKey(services.deps.db, parsed.name, services.config.appUrl, services.deps.now());
  await audit("api_key.created", made.id, { kind: "woocommerce_plugin", name: parsed.name });
  return jsonResponse(made, 201);
});
