// GET /bfx/v2/platform/status — Bitfinex's platform status as Bitfinex Pay's WooCommerce plugin reads it:
// [1] while a payment rail works, [0] when none does (the plugin then refuses the order).
import { platformStatus } from "@/lib/bfx-pay/status";
import { bfxErrorResponse, bfxJson } from "@/lib/bfx-pay/endpoint";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { deps } = await getServices();
    return bfxJson(await platformStatus(deps.rails));
  } catch (e) {
    return bfxErrorResponse(e);
  }
}
