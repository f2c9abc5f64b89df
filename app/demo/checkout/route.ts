// POST /demo/checkout — the demo shop's "Buy" (sandbox mode only): {"product": "mug"} → a checkout.
import { z } from "zod";
import { createDemoCheckout } from "@/lib/demo/shop";
import { notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { countVisitorCheckout } from "@/lib/server/visitor-checkouts";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ product: z.string().max(40) }).strict();

export const POST = route(async (request) => {
  const { config, deps } = await getServices();
  if (config.mode !== "sandbox") throw notFound("This page");
  const parsed = bodySchema.parse(await readJsonBody(request));
  // Limited per client like every checkout a visitor makes (counted once the product is known).
  const checkout = await createDemoCheckout(deps, parsed.product, () => countVisitorCheckout(request));
  // A path, not APP_URL: embed.js accepts URLs of the origin it was loaded from, whatever host
  // name the visitor used.
  return jsonResponse({ id: checkout.id, orderId: checkout.orderId, url: `/pay/${checkout.id}` }, 201);
});
