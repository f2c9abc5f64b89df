// POST /api/dashboard/go-live — run the go-live checks now (key scopes, deposit addresses) and
// answer with the report; the health page's "Check again".
import { dashboardRoute } from "@/lib/auth/session";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (_request, _ctx, { services }) => {
  await services.goLive.run();
  return jsonResponse(services.goLive.current());
});
