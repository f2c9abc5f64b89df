// Health: mode, which rails work and why not, rate freshness, reconciler lag, Bitfinex errors.
import { ActionButton } from "@/components/dashboard/action-button";
import { PayLimits } from "@/components/dashboard/pay-limits";
import { Card } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { healthReport } from "@/lib/server/health-report";
import { getPayLimits, getServices } from "@/lib/server/services";
import { offeredPayCurrencies } from "@/lib/settings/offered-currencies";

type GoLive = NonNullable<Awaited<ReturnType<typeof healthReport>>["goLive"]>;

function keyPermissions(g: GoLive | null): string {
  if (!g) return "not checked (the database is not available)";
  const p = g.permissions;
  if (p.status === "ok") return "settings, account and orders: read and write";
  if (p.status === "missing")
    return `missing ${p.missing.join(", ")}: creating invoices needs read and write on settings, account and orders. Edit the key at bitfinex.com → API Keys.`;
  return p.problem ? `could not be checked (${p.problem})` : "not checked yet";
}

function depositAddresses(g: GoLive | null): React.ReactNode {
  if (!g) return "not checked (the database is not available)";
  const d = g.depositAddresses;
  return (
    <>
      {d.ready.length > 0 && <span>ready for {d.ready.join(", ")}. </span>}
      {d.missing.map((m) => (
        <span key={m.payCurrency} className="block text-red-700 dark:text-red-400">
          missing for {m.payCurrency} (method {m.method}): {m.reason}
        </span>
      ))}
      {d.pending.length > 0 && <span className="block">still to check: {d.pending.join(", ")}</span>}
      {d.status === "unknown" && "not checked yet"}
    </>
  );
}

export default async function HealthPage() {
  await requireAdmin("/dashboard/health");
  const h = await healthReport({ fresh: false });
  const { deps } = await getServices();
  const [limits, offered] = await Promise.all([getPayLimits().read(), offeredPayCurrencies(deps.db)]);
  const rows: Array<[string, React.ReactNode]> = [
    ["Mode", h.mode === "sandbox" ? "Sandbox (simulated Bitfinex, no real funds)" : `Live (${h.bitfinexHost})`],
    ["Bitfinex Pay", h.rails.pay.available ? "working" : `not available: ${h.rails.pay.detail ?? h.rails.pay.reason}`],
    [
      "Lightning (LNX)",
      h.rails.lightning.available
        ? "working"
        : `not available: ${h.rails.lightning.detail ?? h.rails.lightning.reason}`,
    ],
    [
      "Rails last checked",
      h.railsCheckedSecondsAgo === null || !Number.isFinite(h.railsCheckedSecondsAgo)
        ? "not yet"
        : `${h.railsCheckedSecondsAgo} s ago`,
    ],
    [
      "Last Lightning rate",
      h.lastLightningRateAt ? `${h.lastLightningRateAt.replace("T", " ").slice(0, 19)} UTC` : "none taken yet",
    ],
    [
      "Reconciler",
      h.reconciler.lastTickAt
        ? `last tick ${h.reconciler.lastTickAt.replace("T", " ").slice(0, 19)} UTC, lag ${h.reconciler.lagSeconds ?? 0} s`
        : "another instance reconciles, or not started yet",
    ],
    ["Reconciler error", h.reconciler.lastError ?? "none"],
    ["Bitfinex errors in the last hour", String(h.bitfinex.errorsLastHour)],
    [
      "Invoice entries not shown",
      h.bitfinex.rejectedEntries.length === 0 ? (
        "none"
      ) : (
        <>
          {h.bitfinex.rejectedEntries.slice(0, 5).map((r) => (
            <span key={r.at + r.symbol} className="block text-red-700 dark:text-red-400">
              {r.at.replace("T", " ").slice(0, 19)} UTC, checkout {r.checkoutId}: {r.reason}. Customers were told{" "}
              {r.symbol} is not available right now.
            </span>
          ))}
        </>
      ),
    ],
    [
      "Answers not understood",
      h.bitfinex.unknownAnswers.length === 0 ? (
        "none"
      ) : (
        <>
          {h.bitfinex.unknownAnswers.map((w) => (
            <span key={w.kind + w.word} className="block text-red-700 dark:text-red-400">
              {w.text}
            </span>
          ))}
        </>
      ),
    ],
    ["API key permissions", keyPermissions(h.goLive)],
    ["Deposit addresses", depositAddresses(h.goLive)],
    [
      "Notifications",
      h.notifications.configured === false
        ? "no webhook URL set (events wait)"
        : `${h.notifications.pending ?? "?"} waiting, ${h.notifications.failed ?? "?"} failed`,
    ],
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">
        Health:{" "}
        <span
          className={h.status === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}
        >
          {h.status}
        </span>
      </h1>
      {(h.problems.length > 0 || h.warnings.length > 0) && (
        <Card>
          {h.problems.length > 0 && (
            <>
              <h2 className="text-base font-semibold text-red-700 dark:text-red-400">Not ready for payments</h2>
              <ul className="mt-1 list-disc ps-5 text-sm" data-testid="health-problems">
                {h.problems.map((p) => (
                  <li key={p.code}>{p.message}</li>
                ))}
              </ul>
            </>
          )}
          {h.warnings.length > 0 && (
            <>
              <h2 className="mt-3 text-base font-semibold">To look at</h2>
              <ul className="mt-1 list-disc ps-5 text-sm" data-testid="health-warnings">
                {h.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[14rem_1fr]" data-testid="health">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4">
          <ActionButton action="/api/dashboard/go-live" label="Check the key and deposit addresses again" />
        </div>
      </Card>
      <Card title="Bitfinex limits">
        <PayLimits state={limits} offered={offered} />
        <div className="mt-4">
          <ActionButton action="/api/dashboard/limits" label="Read the limits again" />
        </div>
      </Card>
    </>
  );
}
