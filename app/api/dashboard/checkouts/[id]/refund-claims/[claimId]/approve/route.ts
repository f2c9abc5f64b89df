// POST /api/dashboard/checkouts/{id}/refund-claims/{claimId}/approve — approve a claimed refund and
// send it (lib/refunds/claims.ts: through requestRefund, keyed by the claim, so sent at most once).
// An approval is a refund: a second factor in live mode (lib/auth/access.ts), and a fresh code
// ("otp") above the owner's step-up threshold, checked before anything is written.
import { dashboardRoute } from "@/lib/auth/session";
import { stepUpNeeded, stepUpThreshold } from "@/lib/auth/step-up";
import { checkSecondFactor } from "@/lib/auth/totp";
import { findUserById } from "@/lib/auth/users";
import { authSecret } from "@/lib/auth/secret";
import { getCheckoutOrThrow } from "@/lib/checkouts/repository";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { approveClaim } from "@/lib/refunds/claims";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string; claimId: string }> }>(
  async (request, { params }, { services, audit, session }) => {
    const { id, claimId } = await params;
    if (!isId(id, "co") || !isId(claimId, "rc")) throw notFound("This refund claim");
    const { otp } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
    const checkout = await getCheckoutOrThrow(services.deps.db, id);
    if (session.user.secondFactor && stepUpNeeded(checkout.amount, await stepUpThreshold(services.deps.db))) {
      const user = await findUserById(services.deps.db, session.user.id);
      const result =
        user && typeof otp === "string"
          ? await checkSecondFactor(services.deps.db, user, otp, authSecret(services.config), services.deps.now())
          : "wrong";
      if (result === "wrong") {
        await audit("refund.refused", id, { claimId, code: "second_factor_required", stepUp: true });
        throw new ApiError({
          status: 403,
          code: "second_factor_required",
          field: "otp",
          problems: [{ field: "otp", message: otp ? "is wrong or already used" : "is required" }],
          message:
            typeof otp === "string" && otp
              ? "That code is wrong or was already used. Enter the code your authenticator app shows now."
              : "Enter the code from your authenticator app to approve this refund.",
        });
      }
      if (result === "recovery_code")
        await audit("recovery_code.used", session.user.id, { for: "refund", checkoutId: id });
    }
    const { claim } = await approveClaim(services.deps, id, claimId, {
      approvedBy: `dashboard:${session.user.id}`,
      audit: (action, details) => audit(action, id, details),
    });
    return jsonResponse(claim);
  },
);
