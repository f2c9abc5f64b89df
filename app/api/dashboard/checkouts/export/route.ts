// GET /api/dashboard/checkouts/export?state=&search=&createdFrom=&createdTo= — the filtered
// checkouts as CSV (newest first, at most 50,000 rows), read page by page.
import { dashboardRoute } from "@/lib/auth/session";
import { cryptoString, fiatString } from "@/lib/checkouts/amounts";
import { listCheckouts, parseListQuery } from "@/lib/checkouts/list";
import { csvRow } from "@/lib/dashboard/csv";

export const dynamic = "force-dynamic";

const MAX_ROWS = 50_000;
const HEADER = [
  "id",
  "created_at",
  "order_id",
  "amount",
  "currency",
  "state",
  "pay_currency",
  "amount_due",
  "amount_paid",
  "paid_at",
  "expires_at",
  "source",
  "description",
  "confirmations",
  "txids",
  "amount_refunded",
];

export const GET = dashboardRoute(async (request, _ctx, { services }) => {
  const params = new URL(request.url).searchParams;
  params.delete("cursor");
  params.set("limit", "100");
  const query = parseListQuery(params); // a bad filter is a 400 before anything is streamed
  const db = services.deps.db;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
      let cursor: string | null = null;
      let sent = 0;
      do {
        const page: Awaited<ReturnType<typeof listCheckouts>> = await listCheckouts(db, {
          ...query,
          cursor: cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : undefined,
        });
        for (const c of page.rows) {
          controller.enqueue(
            encoder.encode(
              csvRow([
                c.id,
                c.createdAt.toISOString(),
                c.orderId,
                fiatString(c.amount, c.currency),
                c.currency,
                c.state,
                c.payCurrency,
                cryptoString(c.amountDue),
                cryptoString(c.amountPaid),
                c.paidAt?.toISOString(),
                c.expiresAt.toISOString(),
                c.source,
                c.description,
                c.confirmations,
                (c.payments ?? [])
                  .map((p) => p.txid)
                  .filter(Boolean)
                  .join(" "),
                cryptoString(c.amountRefunded),
              ]),
            ),
          );
        }
        sent += page.rows.length;
        cursor = page.nextCursor;
      } while (cursor && sent < MAX_ROWS);
      controller.close();
    },
  });
  const day = new Date(services.deps.now()).toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="checkouts-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
