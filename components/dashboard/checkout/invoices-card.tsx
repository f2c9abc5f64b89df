// The Bitfinex invoices behind a checkout (one per rail tried).
import { Card, Table } from "@/components/dashboard/ui";
import { railView } from "@/lib/checkouts/rails/views";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { time } from "./time";

export function InvoicesCard({ invoices }: Pick<DashboardCheckout, "invoices">) {
  return (
    <Card title="Bitfinex invoices">
      <Table
        label="Bitfinex invoices"
        head={["Rail", "Bitfinex id", "Status", "Created", "Detail"]}
        empty={invoices.length === 0 ? "None yet: the customer has not chosen how to pay." : undefined}
      >
        {invoices.map((i) => (
          <tr key={i.id}>
            <td className="px-2 py-2">{railView(i.rail).label}</td>
            <td className="px-2 py-2 font-mono text-xs">{i.upstreamId ?? i.status}</td>
            <td className="px-2 py-2">{i.upstreamStatus ?? "—"}</td>
            <td className="px-2 py-2 tabular-nums">{time(i.createdAt)}</td>
            <td className="px-2 py-2 text-xs">{railView(i.rail).dashboardDetail(i)}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
