// POST /bfx/v2/auth/r/ext/pay/invoices — Bitfinex Pay's Invoice List ({id} or {start, end, limit}), the key's own invoices only.
import { signedEndpoint } from "@/lib/bfx-pay/endpoint";
import { listInvoices } from "@/lib/bfx-pay/list";
import { bfxKeyBudget } from "@/lib/server/bfx-pay-limit";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { deps } = await getServices();
  return signedEndpoint(
    request,
    deps.db,
    "v2/auth/r/ext/pay/invoices",
    ({ key, body }) => listInvoices(deps.db, deps.appUrl, key, body),
    bfxKeyBudget,
  );
}
