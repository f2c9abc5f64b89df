// POST /api/dashboard/checkouts/{id}/refunds — refund from the dashboard's dialog; body
// {"amount": "full"|"excess"|"0.001", "address": "…", "paymentId"?: "…"}. The dialog sends one
// Idempotency-Key per opening, so a double click or a resend cannot refund twice.
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { refundView } from "@/lib/refunds/queries";
import { requestRefund } from "@/lib/refunds/request";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(async (request, { params }, { services }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  const { refund, replayed } = await requestRefund(services.deps, id, body, {
    requestedBy: "dashboard",
    ...(key !== null && { idempotency: { scope: "dashboard", key, request: body } }),
  });
  return jsonResponse(refundView(refund, services.deps.now()), replayed ? 200 : 201);
});
