// POST /api/checkouts/{id}/payment — public: the customer starts paying in a currency.
// Body {"payCurrency": "UST-TRX", "customerInfo"?: {...}}. Idempotent: every repeat gets the same invoice.
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findInvoices } from "@/lib/checkouts/repository";
import { startPayment } from "@/lib/checkouts/start-payment";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { excludedCurrencies } from "@/lib/pay-limits/enforce";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const body = await readJsonBody(request, 16 * 1024);
  const started = await startPayment(deps, id, body);
  const c = started.checkout;
  const [invoices, rails, excluded] = await Promise.all([
    started.invoices ?? findInvoices(deps.db, id),
    deps.rails.current(),
    excludedCurrencies(deps.payLimits, c.amount, c.currency, c.payCurrencies),
  ]);
  return jsonResponse(publicCheckoutView(c, invoices, rails, deps.now(), deps.mode, excluded));
});
