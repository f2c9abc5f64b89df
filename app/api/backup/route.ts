// GET /api/backup — the embedded database as a gzipped tarball (PGlite's own dump), taken while the
// app serves. Not public: BACKUP_TOKEN as a bearer token, or without one only a direct request from
// this machine (lib/http/operator-access.ts). `npm run backup` calls it; `npm run restore` loads it.
// With DATABASE_URL the database is PostgreSQL's to back up: 409, use pg_dump (README).
import { getConfig } from "@/lib/env";
import { operatorAccess } from "@/lib/http/operator-access";
import { log } from "@/lib/observability/log";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });

export async function GET(request: Request) {
  const access = operatorAccess(request.headers, getConfig().backupToken);
  if (access === "token_required") return refuse(401, "unauthorized", "Send Authorization: Bearer <BACKUP_TOKEN>.");
  if (access === "loopback_only")
    return refuse(
      403,
      "forbidden",
      "Backups are served to this machine only. Set BACKUP_TOKEN to take them from elsewhere.",
    );
  const { handle } = await getServices();
  if (!handle.dump)
    return refuse(
      409,
      "use_pg_dump",
      "This app stores its data in PostgreSQL (DATABASE_URL): back it up with pg_dump (README: Backups and upgrades).",
    );
  const started = Date.now();
  const dump = await handle.dump();
  log().info({ bytes: dump.size, ms: Date.now() - started }, "backup: database dumped");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(dump.stream(), {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(dump.size),
      "content-disposition": `attachment; filename="checkout-${stamp}.tar.gz"`,
      "cache-control": "no-store",
    },
  });
}
