// POST /api/dashboard/notifications/test — a test.ping event to the merchant's webhook URL.
import { dashboardRoute } from "@/lib/auth/session";
import { jsonResponse } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/notifications/queries";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (_request, _ctx, { services }) => {
  const row = await sendTestEvent(services.deps.db, services.deps.now(), services.config.mode);
  return jsonResponse({ id: row.id, status: row.status }, 201);
});
