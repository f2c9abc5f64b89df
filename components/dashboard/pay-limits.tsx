// The merchant's Bitfinex limits as read (lib/pay-limits): the daily limit and what is left, and
// each offered currency's range per payment. A server component: no Bitfinex call from the browser.
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { formatFiat } from "@/lib/i18n/format";
import type { LimitsState } from "@/lib/pay-limits/source";
import { Table } from "./ui";

const usd = (v: string | null) => (v === null ? "—" : formatFiat(v, "USD", "en"));
const name = (symbol: string) => {
  const c = PAY_CURRENCIES.get(symbol);
  return c ? `${c.assetName} · ${c.networkName}` : symbol;
};

export function PayLimits({
  state,
  offered,
  compact = false,
}: {
  state: LimitsState;
  offered: readonly string[];
  compact?: boolean;
}) {
  const snap = state.snapshot;
  if (!snap) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Bitfinex&apos;s limits are not known yet{state.error ? ` (${state.error})` : ""}: nothing is refused for them
        until they are.
      </p>
    );
  }
  const daily = snap.daily;
  const rows = offered.map((s) => [s, snap.currencies.get(s)] as const);
  return (
    <div className="space-y-3 text-sm" data-testid="pay-limits">
      <p>
        Daily limit: <strong>{daily?.limit ? usd(daily.limit) : "none"}</strong>
        {daily?.remaining && <>, {usd(daily.remaining)} left today</>}. Read at{" "}
        {new Date(snap.fetchedAt).toISOString().replace("T", " ").slice(0, 19)} UTC
        {state.error && <span className="text-red-700 dark:text-red-400"> (the last read failed: {state.error})</span>}.
      </p>
      {!compact ? (
        <Table label="Limits per currency" head={["Currency", "Per payment", "Status"]}>
          {rows.map(([s, l]) => (
            <tr key={s}>
              <td className="px-2 py-2">{name(s)}</td>
              <td className="px-2 py-2 tabular-nums">{l ? `${usd(l.min)} to ${usd(l.max)}` : "no range published"}</td>
              <td className="px-2 py-2">{l && !l.enabled ? "disabled by Bitfinex" : "enabled"}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <ul className="list-disc pl-5 text-zinc-600 dark:text-zinc-400">
          {rows.map(([s, l]) => (
            <li key={s}>
              {name(s)}: {l ? `${usd(l.min)} to ${usd(l.max)}` : "no range published"}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
