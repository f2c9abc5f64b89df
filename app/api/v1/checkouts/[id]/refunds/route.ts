// POST /api/v1/checkouts/{id}/refunds — refund a paid checkout (Idempotency-Key honoured; strongly advised).
// GET  /api/v1/checkouts/{id}/refunds — its refunds, oldest first.
import { findCheckout } from "@/lib/checkouts/repository";
import { notFound } from "@/lib/errors/api-error";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { listRefunds, refundView } from "@/lib/refunds/queries";
import { requestRefund } from "@/lib/refunds/request";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const POST = merchantRoute<Ctx>("refunds:write", async (request, { params }, { services, principal }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  const { refund, replayed } = await requestRefund(services.deps, id, body, {
    requestedBy: `api:${principal.keyId}`,
    ...(key !== null && { idempotency: { scope: `api:${principal.keyId}`, key, request: body } }),
  });
  return jsonResponse(
    refundView(refund, services.deps.now()),
    replayed ? 200 : 201,
    replayed ? { "idempotent-replayed": "true" } : {},
  );
});

export const GET = merchantRoute<Ctx>("checkouts:read", async (_request, { params }, { services }) => {
  const { id } = await params;
  if (!isId(id, "co") || !(await findCheckout(services.deps.db, id))) throw notFound("This checkout");
  const now = services.deps.now();
  return jsonResponse({
    object: "list",
    data: (await listRefunds(services.deps.db, id)).map((r) => refundView(r, now)),
  });
});
