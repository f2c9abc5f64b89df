// POST /api/dashboard/notifications/{id}/resend — send an event again (same id and body).
import { dashboardRoute } from "@/lib/auth/session";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse } from "@/lib/http/route";
import { resendEvent } from "@/lib/notifications/queries";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute<{ params: Promise<{ id: string }> }>(async (_request, { params }, { services }) => {
  const id = (await params).id;
  const row = await resendEvent(services.deps.db, id, services.deps.now());
  if (!row) throw notFound(`Event ${id}`);
  return jsonResponse({ id: row.id, status: row.status });
});
