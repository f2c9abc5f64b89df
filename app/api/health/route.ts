// GET /api/health — public: liveness, mode, which rails work (reason codes), lags and counts. No
// error text: that is on the signed-in dashboard health page (lib/server/public-health.ts).
import { getConfig } from "@/lib/env";
import { freshProbeAllowed } from "@/lib/server/health-fresh";
import { healthReport } from "@/lib/server/health-report";
import { limitStore } from "@/lib/server/limit-store";
import { publicHealth } from "@/lib/server/public-health";
import { getRailsMonitor } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  // ?fresh re-probes Bitfinex at once, within limits in live mode (lib/server/health-fresh.ts).
  const headers: Record<string, string> = { "cache-control": "no-store" };
  let fresh = false;
  if (new URL(request.url).searchParams.has("fresh")) {
    const decision = await freshProbeAllowed(config.mode, getRailsMonitor().ageMs(), limitStore);
    fresh = decision.allowed;
    if (!decision.allowed) headers["health-fresh"] = `limited; retry-after=${decision.retryAfterSeconds}`;
  }
  return Response.json(publicHealth(await healthReport({ fresh })), { headers });
}
