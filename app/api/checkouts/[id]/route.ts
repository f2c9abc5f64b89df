// GET /api/checkouts/{id} — public: what the payment page shows (order, ways to pay, instructions).
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findInvoices, getCheckoutOrThrow } from "@/lib/checkouts/repository";
import { notOffered } from "@/lib/checkouts/start-payment";
import { jsonResponse, route } from "@/lib/http/route";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const GET = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const { id } = await params;

  const { deps } = await getServices();
  const row = await getCheckoutOrThrow(deps.db, id);
  const [invoices, rails, excluded] = await Promise.all([
    findInvoices(deps.db, id),
    deps.rails.current(),
    notOffered(deps, row),
  ]);
  return jsonResponse(publicCheckoutView(row, invoices, rails, deps.now(), deps.mode, excluded));
});
