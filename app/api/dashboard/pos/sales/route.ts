// POST /api/dashboard/pos/sales — {"amount": "12.50", "currency": "EUR"}: a sale on the point-of-sale
// terminal, as a POS checkout (lib/pos/create-sale.ts). Idempotency-Key: one per sale.
import { dashboardRoute } from "@/lib/auth/session";
import { fiatString } from "@/lib/checkouts/amounts";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { createPosSale } from "@/lib/pos/create-sale";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  const defaults = checkoutDefaults(await readSettings(services.deps.db));
  const checkout = await createPosSale(services.deps, body, defaults, key);
  return jsonResponse(
    {
      id: checkout.id,
      orderId: checkout.orderId,
      amount: fiatString(checkout.amount, checkout.currency),
      currency: checkout.currency,
      url: `/pay/${checkout.id}`,
    },
    201,
  );
});
