// POST /greenfield/api/v1/stores/{storeId}/invoices — a checkout, answered as a Greenfield invoice (HTTP 200).
import { amountLiteral, readGreenfieldBody } from "@/lib/greenfield/body";
import { createGreenfieldInvoice } from "@/lib/greenfield/invoices";
import { greenfieldRoute } from "@/lib/http/greenfield-route";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const POST = greenfieldRoute("btcpay.store.cancreateinvoice", async ({ request, services }) => {
  const { body, text } = await readGreenfieldBody(request);
  const defaults = checkoutDefaults(await readSettings(services.deps.db));
  return createGreenfieldInvoice(services.deps, body, amountLiteral(body, text), defaults);
});
