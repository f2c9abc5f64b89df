// POST /api/v1/checkouts/{id}/refunds — refund a paid checkout (Idempotency-Key honoured; strongly advised).
//   With "claim": true (and no address), the refund is offered as a claim link instead
//   (lib/refunds/claims.ts): answers the claim with its `url`; the customer gives the address.
// GET  /api/v1/checkouts/{id}/refunds — its refunds, oldest first.
import { getCheckoutOrThrow } from "@/lib/checkouts/repository";
import { recordAudit, type AuditAction } from "@/lib/audit/log";
import { refundAskedDetails, refundOutcomeAction, refundOutcomeDetails } from "@/lib/audit/refunds";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { clientAddress } from "@/lib/net/client-address";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { listRefunds, refundView } from "@/lib/refunds/queries";
import { requestRefund } from "@/lib/refunds/request";
import { offerRefundClaim } from "@/lib/refunds/claims";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const POST = merchantRoute<Ctx>("refunds:write", async (request, { params }, { services, principal }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  // The audit log names the API key and the address the request came from (lib/audit/).
  const actor = { id: `api:${principal.keyId}`, name: `API key ${principal.keyId}` };
  const address = clientAddress(request.headers, services.config.trustProxy);
  const record = (action: AuditAction, details: Record<string, unknown>) =>
    recordAudit(services.deps.db, { actor, address, action, subject: id, details }, services.deps.now());
  if (body && typeof body === "object" && "claim" in body) {
    const { claim, amount, expiresInHours, ...rest } = body as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (claim !== true || extra.length)
      throw new ApiError({
        code: "invalid_field",
        message:
          claim !== true
            ? "claim: must be true (or left out to send to an address)"
            : `${extra[0]}: not taken with "claim": the customer gives the address`,
        field: claim !== true ? "claim" : extra[0]!,
        problems: [
          {
            field: claim !== true ? "claim" : extra[0]!,
            message: claim !== true ? "must be true" : "not allowed with claim",
          },
        ],
      });
    const offered = await offerRefundClaim(
      services.deps,
      id,
      { amount, expiresInHours },
      { offeredBy: `api:${principal.keyId}`, audit: (action, details) => record(action, details) },
    );
    return jsonResponse({ ...offered.claim, url: offered.url }, 201);
  }
  await record("refund.asked", { ...refundAskedDetails(body), idempotencyKey: key !== null });
  let result: Awaited<ReturnType<typeof requestRefund>>;
  try {
    result = await requestRefund(services.deps, id, body, {
      requestedBy: `api:${principal.keyId}`,
      ...(key !== null && { idempotency: { scope: `api:${principal.keyId}`, key, request: body } }),
    });
  } catch (e) {
    if (e instanceof ApiError)
      await record("refund.refused", { ...refundAskedDetails(body), code: e.code, message: e.message });
    throw e;
  }
  const { refund, replayed } = result;
  const view = refundView(refund, services.deps.now());
  if (!replayed) await record(refundOutcomeAction(view.status), refundOutcomeDetails(view));
  return jsonResponse(view, replayed ? 200 : 201, replayed ? { "idempotent-replayed": "true" } : {});
});

export const GET = merchantRoute<Ctx>("checkouts:read", async (_request, { params }, { services }) => {
  const { id } = await params;
  await getCheckoutOrThrow(services.deps.db, id);
  const now = services.deps.now();
  return jsonResponse({
    object: "list",
    data: (await listRefunds(services.deps.db, id)).map((r) => refundView(r, now)),
  });
});
