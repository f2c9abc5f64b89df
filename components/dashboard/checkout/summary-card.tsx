// The checkout's summary: amount, what was paid, when, where from, and its payment page.
import { CopyButton } from "@/components/dashboard/copy-button";
import { Card } from "@/components/dashboard/ui";
import { cryptoString } from "@/lib/checkouts/amounts";
import { formatFiat } from "@/lib/i18n/format";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { time } from "./time";

export function SummaryCard({ data }: { data: Pick<DashboardCheckout, "row" | "refunds" | "paymentUrl"> }) {
  const { row, refunds, paymentUrl: url } = data;
  return (
    <Card title="Summary">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm [&>dd]:[overflow-wrap:anywhere] [&>dd]:break-words">
        <dt className="text-zinc-500">Amount</dt>
        <dd>{formatFiat(row.amount, row.currency, "en")}</dd>
        <dt className="text-zinc-500">Description</dt>
        <dd>{row.description ?? "—"}</dd>
        <dt className="text-zinc-500">Pay with</dt>
        <dd>
          {row.payCurrency
            ? `${row.payCurrency}: ${cryptoString(row.amountPaid) ?? "0"} of ${cryptoString(row.amountDue)} paid`
            : `not chosen (${row.payCurrencies.join(", ")})`}
        </dd>
        <dt className="text-zinc-500">Created</dt>
        <dd>{time(row.createdAt)} UTC</dd>
        <dt className="text-zinc-500">Expires</dt>
        <dd>{time(row.expiresAt)} UTC</dd>
        <dt className="text-zinc-500">Paid</dt>
        <dd>{time(row.paidAt)}</dd>
        {row.amountRefunded && (
          <>
            <dt className="text-zinc-500">Refunded</dt>
            <dd data-testid="amount-refunded">
              {cryptoString(row.amountRefunded)} {refunds[0]?.currency ?? row.payCurrency}
            </dd>
          </>
        )}
        <dt className="text-zinc-500">Source</dt>
        <dd>{row.source}</dd>
        <dt className="text-zinc-500">Payment page</dt>
        <dd className="flex items-center gap-2">
          <a href={url} className="truncate underline">
            {url}
          </a>
          <CopyButton value={url} />
        </dd>
      </dl>
    </Card>
  );
}
