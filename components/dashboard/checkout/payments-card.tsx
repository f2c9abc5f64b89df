// Bitfinex's record of each payment, as the reconciler last read it (no Bitfinex call here), and
// completing the checkout by hand with a deposit Bitfinex did not match.
import { ApiForm } from "@/components/dashboard/api-form";
import { CopyButton } from "@/components/dashboard/copy-button";
import { Card, Field, inputClass, Table } from "@/components/dashboard/ui";
import { explorerUrl } from "@/lib/chains/explorers";
import { cryptoString } from "@/lib/checkouts/amounts";
import { canComplete } from "@/lib/checkouts/state-machine";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";

/** A transaction id, shortened but copyable whole, linked to a block explorer where one applies (live, on-chain). */
function TxidCell({ txid, url }: { txid: string | null; url: string | null }) {
  if (!txid) return <>—</>;
  const short = txid.length > 20 ? `${txid.slice(0, 10)}…${txid.slice(-8)}` : txid;
  return (
    <span className="inline-flex items-center gap-2" data-testid="txid">
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer" className="underline" title={txid}>
          {short}
          <span className="sr-only"> (view on a block explorer)</span>
        </a>
      ) : (
        <span title={txid}>{short}</span>
      )}
      <CopyButton value={txid} label="Copy txid" />
    </span>
  );
}

export function PaymentsCard({
  data,
}: {
  data: Pick<DashboardCheckout, "row" | "mode" | "managedInvoice" | "completable" | "may">;
}) {
  const { row, mode, managedInvoice, completable, may } = data;
  const payments = row.payments ?? [];
  if (!managedInvoice && payments.length === 0) return null;
  return (
    <Card title="Payments">
      <Table
        label="Payments"
        head={["Txid", "Amount", "Paid to", "Method", "Confirmations", "Status", "Deposit / ledger id", "Note"]}
        empty={payments.length === 0 ? "No payment seen yet." : undefined}
      >
        {payments.map((p, n) => (
          <tr key={`${p.txid}-${n}`}>
            <td className="px-2 py-2 font-mono text-xs">
              <TxidCell txid={p.txid} url={explorerUrl(mode, p.payCurrency, p.txid)} />
            </td>
            <td className="px-2 py-2 font-mono">
              {cryptoString(p.amount)} {p.currency}
            </td>
            <td className="px-2 py-2">{p.payCurrency ?? "unmatched"}</td>
            <td className="px-2 py-2 font-mono text-xs">{p.method ?? "—"}</td>
            <td className="px-2 py-2 tabular-nums">{p.confirmations ?? "—"}</td>
            <td className="px-2 py-2">{p.status}</td>
            <td className="px-2 py-2 tabular-nums">
              {p.depositId ?? (p.ledgerId !== null ? `ledger ${p.ledgerId}` : "—")}
            </td>
            <td className="px-2 py-2 text-xs">
              {[
                p.forceCompleted && "completed by hand",
                p.amountDiff && p.amountDiff !== "0" && `differs by ${p.amountDiff}`,
              ]
                .filter(Boolean)
                .join("; ") || "—"}
            </td>
          </tr>
        ))}
      </Table>
      {completable && canComplete(row.state) && may("complete") && (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium">Mark complete with a deposit Bitfinex did not match…</summary>
          <ApiForm
            action={`/api/dashboard/checkouts/${row.id}/complete`}
            submitLabel="Mark complete"
            confirm={`Mark order ${row.orderId} as paid with this deposit? Bitfinex will link the deposit to the invoice.`}
            className="mt-3 grid max-w-md gap-3"
          >
            <Field label="Currency paid">
              <select name="payCurrency" className={inputClass} defaultValue={row.payCurrency ?? row.payCurrencies[0]}>
                {row.payCurrencies.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            <Field label="Bitfinex deposit id">
              <input name="depositId" inputMode="numeric" className={inputClass} />
            </Field>
          </ApiForm>
        </details>
      )}
    </Card>
  );
}
