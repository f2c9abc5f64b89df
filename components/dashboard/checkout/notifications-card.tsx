// The merchant notifications (webhooks) sent about a checkout.
import { Card, DeliveryBadge, Table } from "@/components/dashboard/ui";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { time } from "./time";

export function NotificationsCard({ notifications }: Pick<DashboardCheckout, "notifications">) {
  return (
    <Card title="Notifications to your server">
      <Table
        label="Notifications"
        head={["Event", "Status", "Attempts", "Created", "Id"]}
        empty={notifications.length === 0 ? "No event yet (one is sent on every state change)." : undefined}
      >
        {notifications.map((e) => (
          <tr key={e.id}>
            <td className="px-2 py-2">{e.type}</td>
            <td className="px-2 py-2">
              <DeliveryBadge
                status={e.status}
                lastFailed={e.attempts > 0 && (e.lastError !== null || (e.lastStatus ?? 200) >= 300)}
              />
            </td>
            <td className="px-2 py-2 tabular-nums">{e.attempts}</td>
            <td className="px-2 py-2 tabular-nums">{time(e.createdAt)}</td>
            <td className="px-2 py-2 font-mono text-xs">
              <a href={`/dashboard/webhooks/${e.id}`} className="underline">
                {e.id}
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
