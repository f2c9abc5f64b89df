// POST /api/dashboard/pos/sales — {"amount": "12.50", "currency": "EUR"}: a sale on the point-of-sale
// terminal, as a POS checkout (lib/pos/create-sale.ts). Idempotency-Key: one per sale.
import { dashboardRoute } from "@/lib/auth/session";
import { fiatString } from "@/lib/checkouts/amounts";
import { ApiError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { createPosSale } from "@/lib/pos/create-sale";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError({
      status: 400,
      code: "invalid_header",
      message: "Idempotency-Key: must be 1 to 255 visible ASCII characters.",
      field: "Idempotency-Key",
    });
  }
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
