// The checkout's timeline: our own record at once, Bitfinex's events for its invoice merged in when
// Bitfinex answers (read in their own component inside <Suspense>, so a slow Bitfinex holds back
// only this list, never the page).
import { Suspense } from "react";
import { Card } from "@/components/dashboard/ui";
import type { InvoiceEvent } from "@/lib/bitfinex/pay/events";
import { buildTimeline } from "@/lib/dashboard/timeline";
import type { InvoiceRow } from "@/lib/checkouts/repository";
import { loadInvoiceEvents, type DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { time } from "./time";

type Data = Pick<DashboardCheckout, "row" | "transitions" | "refunds" | "claims" | "managedInvoice">;

function TimelineList({ data, bitfinex, note }: { data: Data; bitfinex: InvoiceEvent[]; note?: React.ReactNode }) {
  const entries = buildTimeline(data.row.createdAt, data.transitions, data.refunds, bitfinex, data.claims);
  return (
    <>
      <ol className="space-y-2 text-sm" data-testid="timeline">
        {entries.map((e, n) => (
          <li key={n} data-source={e.source}>
            <span className="text-zinc-500 tabular-nums">{time(e.at)}</span>{" "}
            {e.source === "checkout" && e.title !== "created" ? <strong>{e.title}</strong> : e.title}
            {e.detail && (
              <span className="block text-xs [overflow-wrap:anywhere] break-words text-zinc-500">{e.detail}</span>
            )}
          </li>
        ))}
      </ol>
      {note}
    </>
  );
}

async function WithBitfinexEvents({ data, invoice }: { data: Data; invoice: InvoiceRow }) {
  const events = await loadInvoiceEvents(invoice);
  return (
    <TimelineList
      data={data}
      bitfinex={events ?? []}
      note={
        events === null && (
          <p className="mt-2 text-xs text-zinc-500">
            Bitfinex&apos;s own events for this invoice could not be read just now.
          </p>
        )
      }
    />
  );
}

export function TimelineCard({ data }: { data: Data }) {
  return (
    <Card title="Timeline">
      {data.managedInvoice ? (
        <Suspense
          fallback={
            <TimelineList
              data={data}
              bitfinex={[]}
              note={
                <p role="status" className="mt-2 text-xs text-zinc-500" data-testid="bitfinex-events-loading">
                  Asking Bitfinex for its events for this invoice…
                </p>
              }
            />
          }
        >
          <WithBitfinexEvents data={data} invoice={data.managedInvoice} />
        </Suspense>
      ) : (
        <TimelineList data={data} bitfinex={[]} />
      )}
    </Card>
  );
}
