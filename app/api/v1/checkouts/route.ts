// POST /api/v1/checkouts — create a checkout (Idempotency-Key honoured).
// GET  /api/v1/checkouts — list, newest first: ?state=&orderId=&createdFrom=&createdTo=&limit=&cursor=
import { createCheckout } from "@/lib/checkouts/create";
import { listCheckouts, parseListQuery } from "@/lib/checkouts/list";
import { checkoutInputSchema } from "@/lib/checkouts/validation";
import { merchantView } from "@/lib/checkouts/merchant-view";
import { readIdempotencyKey } from "@/lib/http/idempotency-key";
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { findInvoices } from "@/lib/checkouts/repository";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("checkouts:write", async (request, _ctx, { services, principal }) => {
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request);
  const defaults = checkoutDefaults(await readSettings(services.deps.db));
  const parsed = checkoutInputSchema(services.config.mode, defaults).parse(body);
  const { checkout, replayed } = await createCheckout(services.deps, parsed, {
    source: "api",
    ...(key !== null && { idempotency: { scope: `api:${principal.keyId}`, key, request: body } }),
  });
  const view = merchantView(
    checkout,
    replayed ? await findInvoices(services.deps.db, checkout.id) : [],
    services.config.appUrl,
  );
  return jsonResponse(view, 201, {
    location: `/api/v1/checkouts/${checkout.id}`,
    ...(replayed && { "idempotent-replayed": "true" }),
  });
});

export const GET = merchantRoute("checkouts:read", async (request, _ctx, { services }) => {
  const query = parseListQuery(new URL(request.url).searchParams);
  const { rows, nextCursor } = await listCheckouts(services.deps.db, query);
  return jsonResponse({
    object: "list",
    data: rows.map((r) => merchantView(r, [], services.config.appUrl)),
    nextCursor,
  });
});
