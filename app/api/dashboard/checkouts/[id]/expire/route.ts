// POST /api/dashboard/checkouts/{id}/expire — expire a checkout now (its Pay invoice first).
import { dashboardRoute } from "@/lib/auth/session";
import { expireCheckoutNow } from "@/lib/dashboard/checkout-actions";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (_request, { params }, { services, audit }) => {
    const row = await expireCheckoutNow(services.deps, (await params).id);
    await audit("checkout.expired", row.id, { state: row.state });
    return jsonResponse({ id: row.id, state: row.state });
  },
);
