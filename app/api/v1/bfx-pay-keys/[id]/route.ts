// DELETE /api/v1/bfx-pay-keys/{id} — revoke a plugin key: its requests are refused at once ("apikey: invalid").
import { revokeBfxKey } from "@/lib/bfx-pay/keys";
import { notFound } from "@/lib/errors/api-error";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const DELETE = merchantRoute<{ params: Promise<{ id: string }> }>(
  "plugins:admin",
  async (_request, { params }, { services, audit }) => {
    const id = (await params).id;
    if (!(await revokeBfxKey(services.deps.db, id, services.deps.now()))) throw notFound(`Plugin key ${id}`);
    await audit("api_key.revoked", id, { kind: "woocommerce_plugin" });
    return jsonResponse({ id, revoked: true });
  },
);
