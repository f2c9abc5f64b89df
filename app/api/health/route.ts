// GET /api/health — liveness plus the mode and which payment rails work (and why not).
import { getConfig } from "@/lib/env";
import { healthReport } from "@/lib/server/health-report";
import { getRailsMonitor } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  // ?fresh re-probes Bitfinex at once. In live mode a visitor may not force it more than every
  // 5 s: probes spend the same rate budget as customers' payments.
  const fresh = new URL(request.url).searchParams.has("fresh") && (config.mode === "sandbox" || getRailsMonitor().ageMs() > 5_000);
  return Response.json(await healthReport({ fresh }), { headers: { "cache-control": "no-store" } });
}
