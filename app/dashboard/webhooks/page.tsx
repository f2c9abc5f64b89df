// Webhooks: every event sent (or waiting) to the merchant's endpoint, with a test event button.
import Link from "next/link";
import { ActionButton } from "@/components/dashboard/action-button";
import { Card, DeliveryBadge, Table } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { listEvents } from "@/lib/notifications/queries";
import { getWebhookUrl } from "@/lib/notifications/settings";
import { getServices } from "@/lib/server/services";

const time = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function WebhooksPage() {
  await requireAdmin("/dashboard/webhooks");
  const { deps, config } = await getServices();
  const [events, { url }] = await Promise.all([
    listEvents(deps.db, { limit: 100 }),
    getWebhookUrl(deps.db, config.merchantWebhookUrl),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        {url ? (
          <ActionButton
            action="/api/dashboard/notifications/test"
            label="Send a test event"
            confirm={`Send a test.ping event to ${url}?`}
          />
        ) : (
          <p className="text-sm" data-testid="no-webhook-url">
            No webhook URL is set:{" "}
            <Link href="/dashboard/settings" className="underline">
              enter your endpoint
            </Link>{" "}
            to send a test event.
          </p>
        )}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Endpoint: {url ?? "none set"} (
        <Link href="/dashboard/settings" className="underline">
          change
        </Link>
        ). Failed deliveries are retried for about three days.
      </p>
      <Card>
        <Table
          label="Events"
          head={["Created (UTC)", "Event", "Status", "Attempts", "Last answer", "Id"]}
          empty={events.length === 0 ? "No event yet." : undefined}
        >
          {events.map((e) => (
            <tr key={e.id}>
              <td className="px-2 py-2 whitespace-nowrap tabular-nums">{time(e.createdAt)}</td>
              <td className="px-2 py-2">{e.type}</td>
              <td className="px-2 py-2">
                <DeliveryBadge
                  status={e.status}
                  lastFailed={e.attempts > 0 && (e.lastError !== null || (e.lastStatus ?? 200) >= 300)}
                />
              </td>
              <td className="px-2 py-2 tabular-nums">{e.attempts}</td>
              <td className="max-w-56 truncate px-2 py-2">{e.lastStatus ?? e.lastError ?? "—"}</td>
              <td className="px-2 py-2 font-mono text-xs">
                <Link href={`/dashboard/webhooks/${e.id}`} className="underline">
                  {e.id}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
