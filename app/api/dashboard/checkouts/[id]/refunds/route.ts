// POST /api/dashboard/checkouts/{id}/refunds — refund from the dashboard's dialog; body
// {"amount": "full"|"excess"|"0.001", "address": "…", "paymentId"?: "…"}. The dialog sends one
// Idempotency-Key per opening, so a double click or a resend cannot refund twice. A user with a
// second factor adds "otp" (a fresh code) or "passkey" (a passkey's answer to a challenge from
// POST /api/dashboard/account/passkeys) for a checkout above the owner's step-up threshold
// (lib/auth/step-up.ts); it is checked before anything is written, and taken out of the body
// before the refund sees it.
import { refundAskedDetails, refundOutcomeAction, refundOutcomeDetails } from "@/lib/audit/refunds";
import { dashboardRoute } from "@/lib/auth/session";
import { stepUpNeeded, stepUpThreshold } from "@/lib/auth/step-up";
import { proveAgain } from "@/lib/auth/prove-again";
import { getCheckoutOrThrow } from "@/lib/checkouts/repository";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { refundView } from "@/lib/refunds/queries";
import { requestRefund } from "@/lib/refunds/request";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, audit, session }) => {
    const { id } = await params;
    if (!isId(id, "co")) throw notFound("This checkout");
    const key = readIdempotencyKey(request);
    const { otp, passkey, ...body } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
    const checkout = await getCheckoutOrThrow(services.deps.db, id);
    let stepUp = false;
    if (session.user.secondFactor && stepUpNeeded(checkout.amount, await stepUpThreshold(services.deps.db))) {
      stepUp = true;
      const result = await proveAgain(services, session.user.id, { otp, passkey }, audit, {
        for: "refund",
        checkoutId: id,
      });
      if (!result.ok) {
        await audit("refund.refused", id, {
          ...refundAskedDetails(body),
          code: "second_factor_required",
          stepUp: true,
          ...(result.method === "passkey" && { passkey: result.reason }),
        });
        throw new ApiError({
          code: "second_factor_required",
          field: result.method === "passkey" ? "passkey" : "otp",
          problems: [
            result.method === "passkey"
              ? { field: "passkey", message: result.reason.replace(/^the passkey /, "") }
              : {
                  field: "otp",
                  message: otp ? "is wrong or already used: enter the code your app shows now" : "is required",
                },
          ],
          message:
            result.method === "passkey"
              ? "Your passkey did not confirm this refund. Try it again, or enter a code from your authenticator app."
              : typeof otp === "string" && otp
                ? "That code is wrong or was already used. Enter the code your authenticator app shows now."
                : "Enter the code from your authenticator app to send this refund.",
        });
      }
    }
    // Asked, before anything is sent: a crash during the send still leaves the request on record.
    await audit("refund.asked", id, { ...refundAskedDetails(body), stepUp, idempotencyKey: key !== null });
    let result: Awaited<ReturnType<typeof requestRefund>>;
    try {
      result = await requestRefund(services.deps, id, body, {
        requestedBy: "dashboard",
        ...(key !== null && { idempotency: { scope: "dashboard", key, request: body } }),
      });
    } catch (e) {
      if (e instanceof ApiError)
        await audit("refund.refused", id, { ...refundAskedDetails(body), code: e.code, message: e.message });
      throw e;
    }
    const view = refundView(result.refund, services.deps.now());
    if (!result.replayed) {
      await audit(refundOutcomeAction(view.status), id, refundOutcomeDetails(view));
    }
    return jsonResponse(view, result.replayed ? 200 : 201);
  },
);
