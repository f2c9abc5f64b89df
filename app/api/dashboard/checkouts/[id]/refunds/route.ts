// POST /api/dashboard/checkouts/{id}/refunds — refund from the dashboard's dialog; body
// {"amount": "full"|"excess"|"0.001", "address": "…", "paymentId"?: "…"}. The dialog sends one
// Idempotency-Key per opening, so a double click or a resend cannot refund twice. A user with a
// second factor adds "otp" (a fresh code) for a checkout above the owner's step-up threshold
// (lib/auth/step-up.ts); the code is checked before anything is written, and taken out of the
// body before the refund sees it.
import { refundAskedDetails, refundOutcomeAction, refundOutcomeDetails } from "@/lib/audit/refunds";
import { dashboardRoute } from "@/lib/auth/session";
import { stepUpNeeded, stepUpThreshold } from "@/lib/auth/step-up";
import { checkSecondFactor } from "@/lib/auth/totp";
import { findUserById } from "@/lib/auth/users";
import { authSecret } from "@/lib/auth/secret";
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
    const { otp, ...body } = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
    const checkout = await getCheckoutOrThrow(services.deps.db, id);
    let stepUp = false;
    if (session.user.secondFactor && stepUpNeeded(checkout.amount, await stepUpThreshold(services.deps.db))) {
      stepUp = true;
      const user = await findUserById(services.deps.db, session.user.id);
      const result =
        user && typeof otp === "string"
          ? await checkSecondFactor(services.deps.db, user, otp, authSecret(services.config), services.deps.now())
          : "wrong";
      if (result === "wrong") {
        await audit("refund.refused", id, {
          ...refundAskedDetails(body),
          code: "second_factor_required",
          stepUp: true,
        });
        throw new ApiError({
          status: 403,
          code: "second_factor_required",
          field: "otp",
          problems: [
            {
              field: "otp",
              message: otp ? "is wrong or already used: enter the code your app shows now" : "is required",
            },
          ],
          message:
            typeof otp === "string" && otp
              ? "That code is wrong or was already used. Enter the code your authenticator app shows now."
              : "Enter the code from your authenticator app to send this refund.",
        });
      }
      if (result === "recovery_code")
        await audit("recovery_code.used", session.user.id, { for: "refund", checkoutId: id });
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
