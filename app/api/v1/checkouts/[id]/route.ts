// GET /api/v1/checkouts/{id} — one checkout, with its Bitfinex invoices.
import { findCheckout, findInvoices } from "@/lib/checkouts/repository";
import { merchantView } from "@/lib/checkouts/merchant-view";
import { notFound } from "@/lib/errors/api-error";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";

export const dynamic = "force-dynamic";

export const GET = merchantRoute<{ params: Promise<{ id: string }> }>(
  "checkouts:read",
  async (_request, { params }, { services }) => {
    const { id } = await params;
    const checkout = isId(id, "co") ? await findCheckout(services.deps.db, id) : null;
    if (!checkout) throw notFound("This checkout");
    return jsonResponse(merchantView(checkout, await findInvoices(services.deps.db, id), services.config.appUrl));
  },
);
