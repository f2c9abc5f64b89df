// DELETE /api/dashboard/api-keys/{id} — revoke a key: it stops working at once.
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { revokeApiKey } from "@/lib/merchant/api-keys";

export const dynamic = "force-dynamic";

export const DELETE = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (_request, { params }, { services, audit }) => {
    const id = (await params).id;
    if (!(await revokeApiKey(services.deps.db, id, services.deps.now()))) throw notFound(`API key ${id}`);
    await audit("api_key.revoked", id);
    return jsonResponse({ id, revoked: true });
  },
);
