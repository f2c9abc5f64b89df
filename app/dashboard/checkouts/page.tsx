// Checkouts: filter by state, search by part of an order id or checkout id (any case), a date range, pages, and a CSV export of
// exactly what is filtered.
import Link from "next/link";
import { Card, inputClass, StateBadge, Table } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { listCheckouts, parseListQuery } from "@/lib/checkouts/list";
import { CHECKOUT_STATES } from "@/lib/checkouts/state-machine";
import { ApiError } from "@/lib/errors/api-error";
import { formatFiat } from "@/lib/i18n/format";
import { listParams } from "@/lib/dashboard/list-params";
import { getServices } from "@/lib/server/services";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CheckoutsPage({ searchParams }: Props) {
  await requireAdmin("/dashboard/checkouts");
  const raw = await searchParams;
  const { deps } = await getServices();
  const params = listParams(raw);
  let result: Awaited<ReturnType<typeof listCheckouts>> | null = null;
  let problem: string | null = null;
  try {
    result = await listCheckouts(deps.db, parseListQuery(params));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    problem = e.message;
  }
  const keep = new URLSearchParams(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "cursor"),
  );
  const csv = new URLSearchParams(params);
  csv.delete("cursor");
  csv.delete("limit");
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Checkouts</h1>
        <div className="flex gap-2 text-sm">
          <a
            href={`/api/dashboard/checkouts/export?${csv}`}
            className="rounded-lg border border-zinc-300 px-3 py-1.5 dark:border-zinc-600"
          >
            Export CSV
          </a>
          <Link
            href="/dashboard/checkouts/new"
            className="rounded-lg bg-zinc-900 px-3 py-1.5 font-semibold text-white dark:bg-white dark:text-zinc-900"
          >
            New checkout
          </Link>
        </div>
      </div>
      <Card>
        <form className="grid gap-3 sm:grid-cols-5" role="search">
          <label className="text-sm sm:col-span-2">
            <span className="font-medium">Order id or checkout id</span>
            <input
              name="search"
              type="search"
              defaultValue={keep.get("search") ?? ""}
              placeholder="any part, any case"
              className={inputClass}
            />
          </label>
          <label className="text-sm">
            <span className="font-medium">State</span>
            <select name="state" defaultValue={keep.get("state") ?? ""} className={inputClass}>
              <option value="">Any</option>
              {CHECKOUT_STATES.map((s) => (
                <option key={s} value={s}>
                  {s.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="font-medium">From</span>
            <input type="date" name="from" defaultValue={keep.get("from") ?? ""} className={inputClass} />
          </label>
          <label className="text-sm">
            <span className="font-medium">To</span>
            <input type="date" name="to" defaultValue={keep.get("to") ?? ""} className={inputClass} />
          </label>
          <div className="sm:col-span-5">
            <button
              type="submit"
              className="rounded-lg bg-zinc-900 px-4 py-1.5 text-sm font-semibold text-white dark:bg-white dark:text-zinc-900"
            >
              Filter
            </button>
          </div>
        </form>
      </Card>
      <Card>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <Table
          label="Checkouts"
          head={["Created (UTC)", "Order", "Amount", "State", "Paid with", "Id"]}
          empty={result && result.rows.length === 0 ? "No checkout matches." : undefined}
        >
          {result?.rows.map((c) => (
            <tr key={c.id}>
              <td className="px-2 py-2 whitespace-nowrap tabular-nums">
                {c.createdAt.toISOString().replace("T", " ").slice(0, 16)}
              </td>
              <td className="px-2 py-2">{c.orderId}</td>
              <td className="px-2 py-2 tabular-nums">{formatFiat(c.amount, c.currency, "en")}</td>
              <td className="px-2 py-2">
                <StateBadge state={c.state} />
              </td>
              <td className="px-2 py-2">{c.payCurrency ?? "—"}</td>
              <td className="px-2 py-2 font-mono text-xs">
                <Link href={`/dashboard/checkouts/${c.id}`} className="underline">
                  {c.id}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
        {result?.nextCursor && (
          <p className="mt-3 text-sm">
            <Link
              href={`/dashboard/checkouts?${new URLSearchParams([...keep, ["cursor", result.nextCursor]])}`}
              className="underline"
            >
              Older checkouts →
            </Link>
          </p>
        )}
      </Card>
    </>
  );
}
