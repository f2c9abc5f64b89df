// POST /bfx/v2/auth/w/ext/pay/invoice/create — Bitfinex Pay's Submit Invoice, for its WooCommerce plugin (lib/bfx-pay).
import { createInvoice } from "@/lib/bfx-pay/create";
import { signedEndpoint } from "@/lib/bfx-pay/endpoint";
import { bfxKeyBudget } from "@/lib/server/bfx-pay-limit";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { deps } = await getServices();
  return signedEndpoint(
    request,
    deps.db,
    "v2/auth/w/ext/pay/invoice/create",
    ({ key, nonce, body }) => createInvoice(deps, key, nonce, body),
    bfxKeyBudget,
  );
}
