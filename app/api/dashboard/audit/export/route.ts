// GET /api/dashboard/audit/export?action=&q=&from=&to= — the filtered audit log as CSV (newest first,
// at most 10,000 rows). Owners only (access.ts).
import { auditCsv, listAudit, parseAuditFilter } from "@/lib/audit/log";
import { dashboardRoute } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const GET = dashboardRoute(async (request, _ctx, { services }) => {
  const filter = parseAuditFilter(new URL(request.url).searchParams);
  const rows = await listAudit(services.deps.db, { ...filter, limit: 10_000 });
  const day = new Date(services.deps.now()).toISOString().slice(0, 10);
  return new Response(auditCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
