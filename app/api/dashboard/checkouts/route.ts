// POST /api/dashboard/checkouts — a one-off checkout made in the dashboard (same fields and
// checks as the merchant API; the settings' defaults fill what is left out). The form sends an
// Idempotency-Key made once per form, so a double click or a retried request makes one checkout.
import { dashboardRoute } from "@/lib/auth/session";
import { createCheckout } from "@/lib/checkouts/create";
import { checkoutInputSchema } from "@/lib/checkouts/validation";
import { merchantView } from "@/lib/checkouts/merchant-view";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  const parsed = checkoutInputSchema(
    services.config.mode,
    checkoutDefaults(await readSettings(services.deps.db)),
  ).parse(body);
  const { checkout, replayed } = await createCheckout(services.deps, parsed, {
    source: "dashboard",
    ...(key !== null && { idempotency: { scope: "dashboard", key, request: body } }),
  });
  return jsonResponse(
    merchantView(checkout, [], services.config.appUrl),
    replayed ? 200 : 201,
    replayed ? { "idempotent-replayed": "true" } : {},
  );
});
