// POST /api/dashboard/checkouts/{id}/refund-claims/{claimId}/cancel — withdraw a claim not yet sent.
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { cancelClaim } from "@/lib/refunds/claims";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string; claimId: string }> }>(
  async (_request, { params }, { services, audit }) => {
    const { id, claimId } = await params;
    if (!isId(id, "co") || !isId(claimId, "rc")) throw notFound("This refund claim");
    const claim = await cancelClaim(services.deps, id, claimId, {
      audit: (action, details) => audit(action, id, details),
    });
    return jsonResponse(claim);
  },
);
