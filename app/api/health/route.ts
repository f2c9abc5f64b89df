// GET /api/health — liveness plus the mode and which payment rails work (and why not).
import { getBitfinex } from "@/lib/bitfinex/server";
import { getConfig } from "@/lib/env";
import { checkRails } from "@/lib/rails/health";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  const client = getBitfinex();
  const fresh = new URL(request.url).searchParams.has("fresh");
  const rails = await checkRails(client, { fresh });
  const errors = client.transport.recentErrors();
  return Response.json(
    {
      status: rails.pay.available || rails.lightning.available ? "ok" : "degraded",
      mode: config.mode,
      rails,
      bitfinex: { errorsLastHour: errors.length, ...client.transport.stats() },
    },
    { headers: { "cache-control": "no-store" } },
  );
}
