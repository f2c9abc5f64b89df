// POST /api/v1/signed-links — make a signed static link (amount, currency, order id fixed by an HMAC).
import { readJsonBody } from "@/lib/http/json-body";
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { linkSigningSecret, signedLinkQuery, signedLinkSchema } from "@/lib/merchant/signed-links";

export const dynamic = "force-dynamic";

export const POST = merchantRoute("links:write", async (request, _ctx, { services }) => {
  const parsed = signedLinkSchema.parse(await readJsonBody(request));
  const secret = await linkSigningSecret(services.deps.db, services.config.linkSigningSecret);
  const url = `${services.config.appUrl}/s?${signedLinkQuery(secret, parsed)}`;
  return jsonResponse({ object: "signed_link", url, ...parsed }, 201);
});
