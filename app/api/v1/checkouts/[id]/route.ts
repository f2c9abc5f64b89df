// GET /api/v1/checkouts/{id} — one checkout, with its Bitfinex invoices.
import { findInvoices, getCheckoutOrThrow } from "@/lib/checkouts/repository";
import { merchantView } from "@/lib/checkouts/merchant-view";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = merchantRoute<{ params: Promise<{ id: string }> }>(
  "checkouts:read",
  async (_request, { params }, { services }) => {
    const { id } = await params;
    const checkout = await getCheckoutOrThrow(services.deps.db, id);
    return jsonResponse(merchantView(checkout, await findInvoices(services.deps.db, id), services.config.appUrl));
  },
);
