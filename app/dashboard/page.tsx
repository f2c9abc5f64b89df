// Overview: fiat revenue per day as a chart (with a table), and count and volume by state and by
// currency, for 24 h / 7 d / 30 d.
import Link from "next/link";
import { RevenueChart } from "@/components/dashboard/revenue-chart";
import { Card, StateBadge, Table } from "@/components/dashboard/ui";
import { ROLE_LABELS } from "@/lib/auth/access";
import { requireAdmin } from "@/lib/auth/session";
import { cryptoString } from "@/lib/checkouts/amounts";
import { revenuePerDay } from "@/lib/dashboard/revenue";
import { overview, parsePeriod, PERIODS } from "@/lib/dashboard/stats";
import { formatFiat } from "@/lib/i18n/format";
import { getServices } from "@/lib/server/services";

type Props = { searchParams: Promise<{ period?: string; denied?: string | string[] }> };

export default async function OverviewPage({ searchParams }: Props) {
  const session = await requireAdmin("/dashboard");
  const { period: periodParam, denied } = await searchParams;
  const period = parsePeriod(periodParam);
  const { deps } = await getServices();
  const data = await overview(deps.db, period, deps.now());
  const revenue = await revenuePerDay(deps.db, data.since, new Date(deps.now()));
  const total = data.byState.reduce((n, r) => n + r.count, 0);
  return (
    <>
      {typeof denied === "string" && (
        <p
          role="alert"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          Your role ({ROLE_LABELS[session.user.role].toLowerCase()}) cannot open <code>{denied.slice(0, 200)}</code>.
          Ask an owner if you need it.
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <nav
          aria-label="Period"
          className="flex gap-1 rounded-lg bg-white p-1 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
        >
          {Object.keys(PERIODS).map((p) => (
            <Link
              key={p}
              href={`/dashboard?period=${p}`}
              aria-current={p === period ? "page" : undefined}
              className={`rounded-md px-3 py-1 text-sm ${p === period ? "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900" : ""}`}
            >
              {p}
            </Link>
          ))}
        </nav>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {total} checkout{total === 1 ? "" : "s"} since {data.since.toISOString().replace("T", " ").slice(0, 16)} UTC.{" "}
        <Link href="/dashboard/checkouts/new" className="underline">
          Create a checkout
        </Link>
      </p>
      <Card title="Revenue per day (paid and paid late)">
        <RevenueChart series={revenue} />
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="By state">
          <Table
            label="Checkouts by state"
            head={["State", "Currency", "Count", "Amount"]}
            empty={data.byState.length === 0 ? "Nothing in this period yet." : undefined}
          >
            {data.byState.map((r) => (
              <tr key={r.state + r.currency} data-testid={`state-${r.state}-${r.currency}`}>
                <td className="px-2 py-2">
                  <Link href={`/dashboard/checkouts?state=${r.state}`}>
                    <StateBadge state={r.state} />
                  </Link>
                </td>
                <td className="px-2 py-2">{r.currency}</td>
                <td className="px-2 py-2 tabular-nums">{r.count}</td>
                <td className="px-2 py-2 tabular-nums">{formatFiat(r.amount, r.currency, "en")}</td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="By pay currency">
          <Table
            label="Payments by currency"
            head={["Currency", "Checkouts", "Received"]}
            empty={data.byPayCurrency.length === 0 ? "No payment started in this period." : undefined}
          >
            {data.byPayCurrency.map((r) => (
              <tr key={r.payCurrency}>
                <td className="px-2 py-2">{r.payCurrency}</td>
                <td className="px-2 py-2 tabular-nums">{r.count}</td>
                <td className="px-2 py-2 font-mono tabular-nums">{cryptoString(r.received)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
