// POST /api/dashboard/checkouts/{id}/refund-claims/{claimId}/approve — approve a claimed refund and
// send it (lib/refunds/claims.ts: through requestRefund, keyed by the claim, so sent at most once).
// An approval is a refund: a second factor in live mode (lib/auth/access.ts), and a fresh code
// ("otp") or a passkey's answer ("passkey") above the owner's step-up threshold, checked before
// anything is written.
import { dashboardRoute } from "@/lib/auth/session";
import { stepUpNeeded, stepUpThreshold } from "@/lib/auth/step-up";
import { proveAgain } from "@/lib/auth/prove-again";
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
    const { otp, passkey } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
    const checkout = await getCheckoutOrThrow(services.deps.db, id);
    if (session.user.secondFactor && stepUpNeeded(checkout.amount, await stepUpThreshold(services.deps.db))) {
      const result = await proveAgain(services, session.user.id, { otp, passkey }, audit, {
        for: "refund",
        checkoutId: id,
      });
      if (!result.ok) {
        await audit("refund.refused", id, { claimId, code: "second_factor_required", stepUp: true });
        const byPasskey = result.method === "passkey";
        throw new ApiError({
          code: "second_factor_required",
          field: byPasskey ? "passkey" : "otp",
          problems: [
            byPasskey
              ? { field: "passkey", message: result.reason.replace(/^the passkey /, "") }
              : { field: "otp", message: otp ? "is wrong or already used" : "is required" },
          ],
          message: byPasskey
            ? "Your passkey did not confirm this approval. Try it again, or enter a code from your authenticator app."
            : typeof otp === "string" && otp
              ? "That code is wrong or was already used. Enter the code your authenticator app shows now."
              : "Enter the code from your authenticator app to approve this refund.",
        });
      }
    }
    const { claim } = await approveClaim(services.deps, id, claimId, {
      approvedBy: `dashboard:${session.user.id}`,
      audit: (action, details) => audit(action, id, details),
    });
    return jsonResponse(claim);
  },
);
