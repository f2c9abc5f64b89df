// GET /api/metrics — Prometheus text format. Not public: a bearer token (METRICS_TOKEN), or without
// one only a direct request from this machine (lib/http/metrics-access.ts).
import { getConfig } from "@/lib/env";
import { operatorAccess } from "@/lib/http/operator-access";
import { metrics } from "@/lib/observability/metrics";
import { registerCollectors } from "@/lib/server/metrics-collectors";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = operatorAccess(request.headers, getConfig().metricsToken);
  if (access === "token_required")
    return Response.json(
      { error: { code: "unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  if (access === "loopback_only")
    return Response.json(
      {
        error: {
          code: "forbidden",
          message: "Metrics are served to this machine only. Set METRICS_TOKEN to scrape them from elsewhere.",
        },
      },
      { status: 403 },
    );
  registerCollectors();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
