// GET /api/checkouts/{id} — public: what the payment page shows (order, ways to pay, instructions).
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findCheckout, findInvoices } from "@/lib/checkouts/repository";
import { notFound } from "@/lib/errors/api-error";
import { notOffered } from "@/lib/checkouts/start-payment";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const GET = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) throw notFound("This checkout");
  const [invoices, rails, excluded] = await Promise.all([
    findInvoices(deps.db, id),
    deps.rails.current(),
    notOffered(deps, row),
  ]);
  return jsonResponse(publicCheckoutView(row, invoices, rails, deps.now(), deps.mode, excluded));
});
