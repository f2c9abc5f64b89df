// One event: its body, and every delivery attempt with status code, latency and error; resend.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/action-button";
import { Card, Table } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { findEventWithAttempts } from "@/lib/notifications/queries";
import { getServices } from "@/lib/server/services";

type Props = { params: Promise<{ id: string }> };
const time = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function EventPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/dashboard/webhooks/${id}`);
  const { deps } = await getServices();
  const found = await findEventWithAttempts(deps.db, id);
  if (!found) notFound();
  const { event, attempts } = found;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{event.type}</h1>
          <p className="font-mono text-xs text-zinc-500">
            {event.id}
            {event.checkoutId && (
              <>
                {" · "}
                <Link href={`/dashboard/checkouts/${event.checkoutId}`} className="underline">
                  {event.checkoutId}
                </Link>
              </>
            )}
          </p>
        </div>
        <ActionButton
          action={`/api/dashboard/notifications/${event.id}/resend`}
          label="Resend"
          confirm="Send this event again (same id, so your endpoint can recognise a repeat)?"
        />
      </div>
      <Card title={`Status: ${event.status}`}>
        <p className="text-sm">
          Next attempt: {event.status === "pending" ? `${time(event.nextAttemptAt)} UTC` : "—"} · delivered:{" "}
          {time(event.deliveredAt)}
        </p>
      </Card>
      <Card title="Attempts">
        <Table
          label="Delivery attempts"
          head={["At (UTC)", "URL", "Status", "Latency", "Error"]}
          empty={attempts.length === 0 ? "Not attempted yet." : undefined}
        >
          {attempts.map((a) => (
            <tr key={a.id}>
              <td className="px-2 py-2 whitespace-nowrap tabular-nums">{time(a.at)}</td>
              <td className="max-w-56 truncate px-2 py-2">{a.url}</td>
              <td className="px-2 py-2 tabular-nums">{a.statusCode ?? "—"}</td>
              <td className="px-2 py-2 tabular-nums">{a.latencyMs} ms</td>
              <td className="px-2 py-2">{a.error ?? ""}</td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Body">
        <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs dark:bg-zinc-800">
          {JSON.stringify(event.payload, null, 2)}
        </pre>
      </Card>
    </>
  );
}
