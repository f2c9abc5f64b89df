// POST /api/dashboard/checkouts/{id}/refunds/{refundId}/resolve — settle a refund of unknown
// outcome by hand: {"outcome": "sent"|"not_sent", "bitfinexRefundId"?: "…"}.
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { refundView } from "@/lib/refunds/queries";
import { resolveRefund } from "@/lib/refunds/resolve";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string; refundId: string }> }>(
  async (request, { params }, { services, audit }) => {
    const { id, refundId } = await params;
    if (!isId(id, "co") || !isId(refundId, "re")) throw notFound("This refund");
    const row = await resolveRefund(services.deps, id, refundId, await readJsonBody(request));
    const view = refundView(row, services.deps.now());
    await audit("refund.settled", id, {
      refundId,
      outcome: view.status,
      by: "hand",
      bitfinexRefundId: view.bitfinexRefundId,
    });
    return jsonResponse(view);
  },
);
