// The audit log (owners only): who did what, when, from where, and what changed; newest first,
// filtered by action, by text (user, subject, address) and by day, and exported as CSV.
import { Card, Field, inputClass, Table } from "@/components/dashboard/ui";
import { AUDIT_ACTIONS, countAudit, listAudit, parseAuditFilter } from "@/lib/audit/log";
import { requireAdmin } from "@/lib/auth/session";
import { getServices } from "@/lib/server/services";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = 200;

export default async function AuditPage({ searchParams }: Props) {
  await requireAdmin("/dashboard/audit");
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") params.set(k, v);
  const filter = parseAuditFilter(params);
  const { deps } = await getServices();
  const [rows, total] = await Promise.all([
    listAudit(deps.db, { ...filter, limit: PAGE }),
    countAudit(deps.db, filter),
  ]);
  const exportQuery = new URLSearchParams();
  for (const k of ["action", "q", "from", "to"]) {
    const v = params.get(k);
    if (v) exportQuery.set(k, v);
  }
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Every sign-in, refund, change of users, keys, settings, links and webhooks, and checkouts expired or completed
        by hand. Entries are only ever added.
      </p>
      <Card title="Filter">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <Field label="Action">
            <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
              <option value="">All</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field label="User, subject or address">
            <input name="q" defaultValue={params.get("q") ?? ""} className={inputClass} maxLength={100} />
          </Field>
          <Field label="From (day)">
            <input name="from" type="date" defaultValue={params.get("from") ?? ""} className={inputClass} />
          </Field>
          <Field label="To (day)">
            <input name="to" type="date" defaultValue={params.get("to") ?? ""} className={inputClass} />
          </Field>
          <button
            type="submit"
            className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-white dark:text-zinc-900"
          >
            Filter
          </button>
          <a
            href={`/api/dashboard/audit/export?${exportQuery}`}
            className="rounded-md px-3 py-1.5 text-sm ring-1 ring-zinc-300 dark:ring-zinc-600"
            download
          >
            Export CSV
          </a>
        </form>
      </Card>
      <Card title={`Entries (${total}${total > PAGE ? `, newest ${PAGE} shown; the export has up to 10,000` : ""})`}>
        <Table
          label="Audit log"
          head={["When (UTC)", "Who", "Address", "Action", "Subject", "What changed"]}
          empty={rows.length === 0 ? "Nothing matches." : undefined}
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <td className="px-2 py-2 whitespace-nowrap tabular-nums">
                {r.at.toISOString().replace("T", " ").slice(0, 19)}
              </td>
              <td className="px-2 py-2">{r.actorName}</td>
              <td className="px-2 py-2 font-mono">{r.address ?? "—"}</td>
              <td className="px-2 py-2 font-mono">{r.action}</td>
              <td className="px-2 py-2 font-mono break-all">{r.subject ?? "—"}</td>
              <td className="px-2 py-2 font-mono text-xs break-all">{r.details ? JSON.stringify(r.details) : "—"}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
