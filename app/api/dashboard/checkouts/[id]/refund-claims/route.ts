// POST /api/dashboard/checkouts/{id}/refund-claims — offer a refund as a claim link; body
// {"amount": "full"|"0.001", "expiresInHours"?: 168}. Answers the claim and its `url` (the token is
// shown this once). Offering moves no money: the approval does (…/{claimId}/approve).
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { offerRefundClaim } from "@/lib/refunds/claims";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, audit, session }) => {
    const { id } = await params;
    if (!isId(id, "co")) throw notFound("This checkout");
    const body = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
    const { claim, url } = await offerRefundClaim(
      services.deps,
      id,
      { amount: body.amount, expiresInHours: body.expiresInHours },
      { offeredBy: `dashboard:${session.user.id}`, audit: (action, details) => audit(action, id, details) },
    );
    return jsonResponse({ ...claim, url }, 201);
  },
);
