// POST /greenfield/api/v1/stores/{storeId}/pull-payments — a plugin's refund: a refund claim link on
// the paid invoice its name names, answered as BTCPay's PullPaymentData (HTTP 200; lib/greenfield/pull-payments.ts).
import { recordAudit } from "@/lib/audit/log";
import { requirePermission } from "@/lib/greenfield/auth";
import { readGreenfieldBody } from "@/lib/greenfield/body";
import { holds } from "@/lib/greenfield/facts";
import { createPullPayment, parsePullPaymentRequest } from "@/lib/greenfield/pull-payments";
import { greenfieldRoute } from "@/lib/http/greenfield-route";
import { clientAddress } from "@/lib/net/client-address";

export const dynamic = "force-dynamic";

export const POST = greenfieldRoute(
  "btcpay.store.cancreatenonapprovedpullpayments",
  async ({ request, services, principal }) => {
    const { body, text } = await readGreenfieldBody(request);
    // As BTCPay: claims approved without the merchant need the permission that allows it.
    if (body.autoApproveClaims === true) requirePermission(principal, "btcpay.store.cancreatepullpayments");
    const req = parsePullPaymentRequest(body, text, services.deps.now());
    const actor = { id: `api:${principal.keyId}`, name: `API key ${principal.keyId} (BTCPay plugin)` };
    const address = clientAddress(request.headers, services.config.trustProxy);
    return createPullPayment(services.deps, req, {
      offeredBy: `api:${principal.keyId}`,
      canAutoApprove: holds(principal.scopes, "btcpay.store.cancreatepullpayments"),
      audit: (checkoutId) => async (action, details) => {
        await recordAudit(
          services.deps.db,
          { actor, address, action, subject: checkoutId, details: { ...details, via: "greenfield pull payment" } },
          services.deps.now(),
        );
      },
    });
  },
);
