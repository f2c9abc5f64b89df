// POST /api/dashboard/checkouts/{id}/refunds — refund from the dashboard's dialog; body
// {"amount": "full"|"excess"|"0.001", "address": "…", "paymentId"?: "…"}. The dialog sends one
// Idempotency-Key per opening, so a double click or a resend cannot refund twice.
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { refundView } from "@/lib/refunds/queries";
import { requestRefund } from "@/lib/refunds/request";

export const dynamic = "force-dynamic";

// What the audit log keeps of the request: the dialog's own fields, nothing else a body may carry.
function asked(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof b[k] === "string" ? (b[k] as string).slice(0, 200) : undefined);
  return { amount: pick("amount"), address: pick("address"), paymentId: pick("paymentId") };
}

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, audit }) => {
    const { id } = await params;
    if (!isId(id, "co")) throw notFound("This checkout");
    const key = readIdempotencyKey(request);
    const body = await readJsonBody(request);
    let result: Awaited<ReturnType<typeof requestRefund>>;
    try {
      result = await requestRefund(services.deps, id, body, {
        requestedBy: "dashboard",
        ...(key !== null && { idempotency: { scope: "dashboard", key, request: body } }),
      });
    } catch (e) {
      if (e instanceof ApiError)
        await audit("refund.refused", id, { ...asked(body), code: e.code, message: e.message });
      throw e;
    }
    const view = refundView(result.refund, services.deps.now());
    if (!result.replayed) {
      await audit("refund.asked", id, { ...asked(body), refundId: view.id });
      const action =
        view.status === "sent" ? "refund.sent" : view.status === "failed" ? "refund.failed" : "refund.unknown";
      await audit(action, id, {
        refundId: view.id,
        amount: view.amount,
        payCurrency: view.payCurrency,
        address: view.address,
        bitfinexRefundId: view.bitfinexRefundId,
        ...(view.error && { error: view.error }),
      });
    }
    return jsonResponse(view, result.replayed ? 200 : 201);
  },
);
