// POST /api/bitfinex/webhook — Bitfinex Pay's one, unsigned call. Only a hint: the invoice it
// names is re-fetched from Bitfinex before anything changes, so a forged body achieves nothing.
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const { hints } = await getServices();
  // Bitfinex documents a JSON body but not its Content-Type; the body is only a hint, so it is
  // read whatever the header says (still size-capped and required to be a JSON object).
  const outcome = await hints.handle(await readJsonBody(request, 256 * 1024, { anyContentType: true }));
  // 200 whatever the outcome: Bitfinex does not retry, and a forger learns nothing.
  return jsonResponse({ received: true, ...(outcome === "ignored" && { note: "no invoice id in the body" }) });
});
