// DELETE /api/dashboard/bfx-pay-keys/{id} — revoke a plugin key: its requests are refused at once.
import { dashboardRoute } from "@/lib/auth/session";
import { revokeBfxKey } from "@/lib/bfx-pay/keys";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const DELETE = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (_request, { params }, { services, audit }) => {
    const id = (await params).id;
    if (!(await revokeBfxKey(services.deps.db, id, services.deps.now()))) throw notFound(`Plugin key ${id}`);
    await audit("api_key.revoked", id, { kind: "woocommerce_plugin" });
    return jsonResponse({ id, revoked: true });
  },
);
