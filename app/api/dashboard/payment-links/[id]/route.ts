// PATCH /api/dashboard/payment-links/{id} — edit a link (name, amount or range, presets, currencies,
// time to pay, redirect URL…) or {"active": false} to disable it, true to enable it again.
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { updatePaymentLink } from "@/lib/merchant/payment-link-update";
import { paymentLinkView } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";

export const PATCH = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, audit }) => {
    const body = await readJsonBody(request);
    const link = await updatePaymentLink(services.deps, (await params).id, body);
    await audit("link.changed", link.id, { changed: body });
    return jsonResponse(paymentLinkView(link, services.config.appUrl));
  },
);
