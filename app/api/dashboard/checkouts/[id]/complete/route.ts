// POST /api/dashboard/checkouts/{id}/complete — link an unmatched deposit to the Pay invoice
// (Bitfinex's complete-invoice endpoint); body {"payCurrency": "BTC", "depositId": 123}.
import { dashboardRoute } from "@/lib/auth/session";
import { completeCheckout } from "@/lib/dashboard/checkout-actions";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, audit }) => {
    const body = await readJsonBody(request);
    const row = await completeCheckout(services.deps, (await params).id, body);
    const b = (body ?? {}) as Record<string, unknown>;
    await audit("checkout.completed", row.id, { state: row.state, payCurrency: b.payCurrency, depositId: b.depositId });
    return jsonResponse({ id: row.id, state: row.state });
  },
);
