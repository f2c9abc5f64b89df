// The merchant's Bitfinex limits as read (lib/pay-limits): the daily limit (per end customer, as
// Bitfinex documents it; the POS one is the merchant's own) and each offered currency's range per
// payment, each in its own currency. A server component: no Bitfinex call from the browser.
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { formatFiat } from "@/lib/i18n/format";
import type { PayCurrencyLimit } from "@/lib/bitfinex/pay/limits";
import type { LimitsState } from "@/lib/pay-limits/source";
import { Table } from "./ui";

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
  const fiat = (v: string | null, ccy: string) => (v === null ? "—" : formatFiat(v, ccy, "en"));
  const range = (l: PayCurrencyLimit) => `${fiat(l.min, l.currency)} to ${fiat(l.max, l.currency)}`;
  return (
    <div className="space-y-3 text-sm" data-testid="pay-limits">
      <p>
        Daily limit per end customer:{" "}
        <strong>
          {daily?.ecommerceLimit ? `${fiat(daily.ecommerceLimit, daily.currency)} per 24 hours` : "none named"}
        </strong>
        . Bitfinex counts each customer&apos;s payments by their email: a checkout with the customer&apos;s email is
        checked before an invoice is made; without one, Bitfinex decides when the invoice is made.
        {daily?.posLimit && (
          <>
            {" "}
            POS invoices: {fiat(daily.posUsage ?? "0", daily.currency)} used of {fiat(daily.posLimit, daily.currency)}{" "}
            today.
          </>
        )}{" "}
        Read at {new Date(snap.fetchedAt).toISOString().replace("T", " ").slice(0, 19)} UTC
        {state.error && <span className="text-red-700 dark:text-red-400"> (the last read failed: {state.error})</span>}.
      </p>
      {!compact ? (
        <Table label="Limits per currency" head={["Currency", "Per payment", "Status"]}>
          {rows.map(([s, l]) => (
            <tr key={s}>
              <td className="px-2 py-2">{name(s)}</td>
              <td className="px-2 py-2 tabular-nums">{l ? range(l) : "no range published"}</td>
              <td className="px-2 py-2">{l && !l.enabled ? "disabled by Bitfinex" : "enabled"}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <ul className="list-disc pl-5 text-zinc-600 dark:text-zinc-400">
          {rows.map(([s, l]) => (
            <li key={s}>
              {name(s)}: {l ? range(l) : "no range published"}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
