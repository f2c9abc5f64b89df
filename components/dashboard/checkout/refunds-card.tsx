// The refunds sent for a checkout, and settling one whose outcome Bitfinex did not confirm.
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { Card, Field, inputClass, Table } from "@/components/dashboard/ui";
import { cryptoString } from "@/lib/checkouts/amounts";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { effectiveStatus } from "@/lib/refunds/queries";
import { time } from "./time";

export function RefundsCard({ data }: { data: Pick<DashboardCheckout, "row" | "refunds" | "now" | "may"> }) {
  const { row, refunds, now, may } = data;
  if (refunds.length === 0) return null;
  return (
    <Card title="Refunds">
      <Table label="Refunds" head={["Created", "Amount", "To", "Status", "Bitfinex refund id"]}>
        {refunds.map((r) => (
          <tr key={r.id}>
            <td className="px-2 py-2 whitespace-nowrap tabular-nums">{time(r.createdAt)}</td>
            <td className="px-2 py-2 font-mono">
              {cryptoString(r.amount)} {r.currency} <span className="text-xs text-zinc-500">({r.kind})</span>
            </td>
            <td className="max-w-64 min-w-48 px-2 py-2 font-mono text-xs break-all">{r.address}</td>
            <td className="px-2 py-2">
              {effectiveStatus(r, now)}
              {r.error && <span className="block text-xs text-zinc-500">{r.error}</span>}
            </td>
            <td className="px-2 py-2 font-mono text-xs">{r.upstreamRefundId ?? "—"}</td>
          </tr>
        ))}
      </Table>
      {refunds
        .filter((r) => effectiveStatus(r, now) === "unknown" && may("refunds"))
        .map((r) => (
          <details key={r.id} className="mt-4 text-sm" open>
            <summary className="cursor-pointer font-medium">
              Settle the refund of {cryptoString(r.amount)} {r.currency} (outcome unknown)…
            </summary>
            <p className="mt-2 text-zinc-600 dark:text-zinc-400">
              Bitfinex did not confirm it. Ask Bitfinex first (its movements, for a withdrawal of this amount to this
              address); if it shows nothing, look at your Bitfinex account&apos;s movements, then say what happened: no
              new refund can be sent until then.
            </p>
            <div className="mt-2">
              <ActionButton action={`/api/dashboard/checkouts/${row.id}/refunds/${r.id}/check`} label="Ask Bitfinex" />
            </div>
            <ApiForm
              action={`/api/dashboard/checkouts/${row.id}/refunds/${r.id}/resolve`}
              submitLabel="Save"
              className="mt-3 grid max-w-md gap-3"
            >
              <Field label="What happened">
                <select name="outcome" className={inputClass} defaultValue="sent">
                  <option value="sent">It was sent</option>
                  <option value="not_sent">It was not sent</option>
                </select>
              </Field>
              <Field
                label="Bitfinex refund or withdrawal id (if sent)"
                hint="Bitfinex is told the invoice was refunded with it."
              >
                <input name="bitfinexRefundId" className={inputClass} />
              </Field>
            </ApiForm>
          </details>
        ))}
    </Card>
  );
}
