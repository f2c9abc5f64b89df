// GET /sandbox/bench/{id} — a constant JSON answer: the benchmark's baseline for what a route
// handler costs in this app with no work in it (npm run bench compares the status endpoint,
// GET /api/checkouts/{id}/status, against it). It sits on a dynamic segment like the status
// endpoint and is called with the same ids, so both pay the same routing and the difference is
// the handler's own work; it still passes through proxy.ts, as the status endpoint does.
// Off unless the app is in sandbox mode AND BENCH_BARE_ROUTE=1, which only bench/server.ts sets:
// a production deployment (live mode) never serves it, and neither does a sandbox someone is
// trying out, so it is not a public endpoint anyone can point load at. Otherwise 404, like every
// /sandbox route in live mode.
import { getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

const BODY = JSON.stringify({ state: "awaiting_payment", final: false, serverTime: "2026-01-01T00:00:00.000Z" });

export function GET() {
  if (getConfig().mode !== "sandbox" || process.env.BENCH_BARE_ROUTE !== "1")
    return new Response("Not Found", { status: 404 });
  return new Response(BODY, {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
