// GET /api/health — public: liveness, mode, which rails work (reason codes), lags and counts. No
// error text: that is on the signed-in dashboard health page (lib/server/public-health.ts).
import { getConfig } from "@/lib/env";
import { healthReport } from "@/lib/server/health-report";
import { publicHealth } from "@/lib/server/public-health";
import { getRailsMonitor } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  // ?fresh re-probes Bitfinex at once. In live mode a visitor may not force it more than every
  // 5 s: probes spend the same rate budget as customers' payments.
  const fresh =
    new URL(request.url).searchParams.has("fresh") && (config.mode === "sandbox" || getRailsMonitor().ageMs() > 5_000);
  return Response.json(publicHealth(await healthReport({ fresh })), { headers: { "cache-control": "no-store" } });
}
