// POST /api/refund-claims/{token} — public: the customer gives the address for a refund offered as
// a claim link (lib/refunds/claims.ts); body {"address": "…", "paymentId"?: "…"}. Single-use: a
// second answer (another tab, a replay) gets 409 claim_used; an expired or withdrawn link 410
// claim_unavailable. Under the merchant's auto-approve limit the refund is sent at once.
import { recordAudit, type AuditAction } from "@/lib/audit/log";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { clientAddress } from "@/lib/net/client-address";
import { claimRefund, findClaimByToken, publicClaim } from "@/lib/refunds/claims";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string }> }>(async (request, { params }) => {
  const { token } = await params;
  const services = await getServices();
  const { deps } = services;
  const claim = await findClaimByToken(deps, token);
  const body = ((await readJsonBody(request)) ?? {}) as Record<string, unknown>;
  const address = clientAddress(request.headers, services.config.trustProxy);
  const audit = async (action: AuditAction, details: Record<string, unknown>) => {
    await recordAudit(
      deps.db,
      {
        actor: { id: "customer", name: "customer (refund link)" },
        address,
        action,
        subject: claim.checkoutId,
        details,
      },
      deps.now(),
    );
  };
  const result = await claimRefund(deps, token, { address: body.address, paymentId: body.paymentId }, { audit });
  return jsonResponse({ ...(await publicClaim(deps, token)), problem: result.refundError?.code ?? null }, 200, {
    "cache-control": "no-store",
  });
});
