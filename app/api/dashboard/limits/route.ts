// GET  /api/dashboard/limits — the merchant's Bitfinex limits as cached (daily, per currency).
// POST /api/dashboard/limits — read them from Bitfinex again now (after changing them at Bitfinex).
import { dashboardRoute } from "@/lib/auth/session";
import { jsonResponse } from "@/lib/http/route";
import { getPayLimits } from "@/lib/server/services";

export const dynamic = "force-dynamic";

async function view() {
  const { snapshot, error } = await getPayLimits().read();
  return {
    daily: snapshot?.daily ?? null,
    currencies: snapshot ? [...snapshot.currencies.values()] : [],
    readAt: snapshot ? new Date(snapshot.fetchedAt).toISOString() : null,
    error,
  };
}

export const GET = dashboardRoute(async () => jsonResponse(await view()));

export const POST = dashboardRoute(async () => {
  getPayLimits().invalidate();
  return jsonResponse(await view());
});
