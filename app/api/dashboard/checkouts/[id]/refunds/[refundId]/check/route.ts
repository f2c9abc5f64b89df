// POST /api/dashboard/checkouts/{id}/refunds/{refundId}/check — ask Bitfinex's movements (a matching
// withdrawal) whether a refund of unknown outcome went out; records it as sent if so (never sends anything).
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { refundView } from "@/lib/refunds/queries";
import { checkRefundWithBitfinex } from "@/lib/refunds/resolve";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string; refundId: string }> }>(
  async (_request, { params }, { services, audit }) => {
    const { id, refundId } = await params;
    if (!isId(id, "co") || !isId(refundId, "re")) throw notFound("This refund");
    const { outcome, refund } = await checkRefundWithBitfinex(services.deps, id, refundId);
    // Nothing settled: said as a refusal so the dashboard shows the sentence beside the button.
    if (outcome === "not_seen") {
      throw new ApiError({
        code: "refund_not_seen",
        message:
          "Bitfinex's movements show no withdrawal that is certainly this refund (its amount, to its address, after it was asked for, and no other refund's). It may still be processing: ask again in a few minutes, or check your Bitfinex account's movements and settle it by hand.",
      });
    }
    const view = refundView(refund, services.deps.now());
    await audit("refund.settled", id, { refundId, outcome, by: "bitfinex", bitfinexRefundId: view.bitfinexRefundId });
    return jsonResponse({ outcome, refund: view });
  },
);
