/**
 * A payment page's live status as Server-Sent Events (GET /api/checkouts/{id}/events): the
 * current status at once, then each change the change feed hears, as it commits, on whichever
 * instance wrote it. Each event is the body a status poll would answer (`event: status`, `id:`
 * the row's version). The stream ends after a final state (the page then stops listening), when
 * the feed can no longer vouch for hearing every change, and at shutdown; the page falls back to
 * polling whenever it has no stream (components/checkout/use-checkout-status.ts).
 *
 * While open, a stream counts as a poll for the reconciler (watch.ts: the checkout's next check
 * comes forward): when it opens, at each change it carries (a payment just started) and every few
 * seconds.
 */
import type { ChangeFeed, FeedEvent } from "./change-feed";
import type { CheckoutDeps } from "./deps";
import { statusEtag, statusView, type StatusRow } from "./merchant-view";
import { publicStatus } from "./public-view";
import { isFinal } from "./state-machine";
import { noteWatched } from "./watch";

/** A comment line this often keeps proxies from closing an idle stream. */
export const KEEP_ALIVE_MS = 15_000;
/**
 * How often an open stream counts as a poll for the reconciler (watch.ts), as a polling page's
 * 2-second polls would; watch.ts itself writes at most once per checkout per 10 s.
 */
const WATCH_MS = 5_000;
/** How long the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;
/** Open streams per instance; beyond it pages poll (each stream holds a socket and a little memory). */
export const MAX_STREAMS = Number(process.env.STATUS_STREAMS_MAX ?? 10_000);

export interface StreamDeps extends Pick<CheckoutDeps, "db" | "now"> {
  feed: ChangeFeed;
  /** Reads the current status columns (status-read.ts, from the cache when it can). */
  read(id: string): Promise<StatusRow | null>;
}

const encoder = new TextEncoder();

// On globalThis: the route and the shutdown hook may be separate module instances.
const holder = globalThis as unknown as { __statusStreams?: Set<() => void> };
const open = (holder.__statusStreams ??= new Set());

/** How many status streams this instance holds open. */
export function openStreamCount(): number {
  return open.size;
}

/** Ends every open stream (graceful stop: pages reconnect to another instance or poll). */
export function endAllStreams(): void {
  for (const end of [...open]) end();
}

/**
 * The stream of one checkout, or null when it does not exist. The caller turns the stream into
 * the response; `signal` is the request's, aborted when the page goes away.
 */
export async function openStatusStream(
  deps: StreamDeps,
  id: string,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | null> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let last: StatusRow | null = null;
  let ended = false;
  const timer: { keepAlive?: NodeJS.Timeout; watch?: NodeJS.Timeout } = {};
  let unsubscribe = () => {};

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(timer.keepAlive);
    clearInterval(timer.watch);
    unsubscribe();
    open.delete(end);
    try {
      controller.close();
    } catch {
      // already closed by the other side
    }
  };
  const write = (text: string) => {
    if (ended) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  /** Sends the row unless the page already has it or something newer. */
  const offer = (row: StatusRow) => {
    if (last && (row.version < last.version || statusEtag(row) === statusEtag(last))) {
      if (row.version >= last.version) last = row; // same status, fresher bookkeeping (nextCheckAt)
      return;
    }
    last = row;
    const body = JSON.stringify(publicStatus(statusView(row, deps.now())));
    write(`id: ${row.version}\nevent: status\ndata: ${body}\n\n`);
    if (isFinal(row.state)) end();
  };
  const watch = () => {
    if (last && !ended) noteWatched(deps, last).catch(() => {});
  };
  const hear = (event: FeedEvent) => {
    if (event.kind === "change") {
      offer(event.row);
      watch();
    } else end(); // gone, or the feed may miss changes: the page polls and learns the truth
  };

  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => end(),
  });
  // Listening before reading: a change committed in between is heard rather than lost.
  unsubscribe = deps.feed.subscribe(id, hear);
  const current = await deps.read(id).catch((e) => {
    unsubscribe();
    throw e;
  });
  if (!current) {
    unsubscribe();
    return null;
  }
  open.add(end);
  signal.addEventListener("abort", end, { once: true });
  if (signal.aborted) end();
  write(`retry: ${RETRY_MS}\n\n`);
  offer(current);
  if (ended) return stream;
  watch();
  timer.keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  timer.keepAlive.unref();
  timer.watch = setInterval(watch, WATCH_MS);
  timer.watch.unref();
  return stream;
}
