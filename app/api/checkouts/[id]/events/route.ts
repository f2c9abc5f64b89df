// GET /api/checkouts/{id}/events — public: the payment page's live status as Server-Sent Events,
// pushed as each change commits on any instance (lib/checkouts/status-stream.ts). The page polls
// /status instead whenever this answers anything but a stream (too many open, feed not live).
import { getChangeFeed } from "@/lib/checkouts/change-feed";
import { findCheckoutStatus } from "@/lib/checkouts/status-read";
import { MAX_STREAMS, openStatusStream, openStreamCount } from "@/lib/checkouts/status-stream";
import { ApiError, notFound } from "@/lib/errors/api-error";
import { route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const GET = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const feed = getChangeFeed();
  if (!feed.live || openStreamCount() >= MAX_STREAMS) {
    throw new ApiError({
      code: "upstream_unavailable",
      message: "Live updates are not available right now; the page checks for changes instead.",
      extra: { retryAfterSeconds: 30, reason: feed.live ? "streams_full" : "feed_not_live" },
    });
  }
  const read = (checkoutId: string) => findCheckoutStatus(deps.db, checkoutId, { cached: feed.live, now: deps.now() });
  const stream = await openStatusStream({ db: deps.db, now: deps.now, feed, read }, id, request.signal);
  if (!stream) throw notFound("This checkout");
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back until its buffer fills.
      "cache-control": "no-cache, no-transform",
      // nginx and similar proxies buffer responses unless told not to.
      "x-accel-buffering": "no",
    },
  });
});
