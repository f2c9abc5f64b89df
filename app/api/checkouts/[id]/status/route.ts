// GET /api/checkouts/{id}/status — public, polled by the payment page every couple of seconds.
// At most one primary-key read of the few columns it shows, none while the checkout is unchanged
// (lib/checkouts/status-read.ts), no Bitfinex call; ETag/304 so an unchanged status costs no body. Being
// watched brings the checkout's next reconciler check forward (lib/checkouts/watch.ts).
import { publicStatus } from "@/lib/checkouts/public-view";
import { getChangeFeed } from "@/lib/checkouts/change-feed";
import { findCheckoutStatus } from "@/lib/checkouts/status-read";
import { statusEtag, statusView } from "@/lib/checkouts/merchant-view";
import { noteWatched } from "@/lib/checkouts/watch";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const GET = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  // From memory while the change feed keeps it current (lib/checkouts/change-feed.ts).
  const row = await findCheckoutStatus(deps.db, id, { cached: getChangeFeed().live, now: deps.now() });
  if (!row) throw notFound("This checkout");
  // Not awaited: the answer never waits for this bookkeeping.
  noteWatched(deps, row).catch(() => {});
  const etag = statusEtag(row);
  // The Date header carries the server's clock on a 304 too; the body's serverTime on a 200.
  const headers = { etag, "cache-control": "no-cache" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return jsonResponse(publicStatus(statusView(row, deps.now())), 200, headers);
});
