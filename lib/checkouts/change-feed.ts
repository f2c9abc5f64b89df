/**
 * The change feed: every committed change to what a checkout's status shows, from any writer on
 * any instance, heard once by every instance.
 *
 * The database announces it (a trigger on `checkouts` NOTIFYs "checkout_status" with the status
 * columns: lib/db/migrations/0014_checkout_change_feed.sql), so no writer can forget to publish.
 * Embedded PGlite hears its own announcements; on PostgreSQL each instance LISTENs on a
 * connection of its own (lib/db/listen.ts). Each change goes to the status cache
 * (status-read.ts), so polls are answered from memory on every instance, and to the open status
 * streams of that checkout (status-stream.ts), so payment pages hear of it at once.
 *
 * While the feed is not live (not started, or the listening connection was lost) nothing may be
 * trusted to be current: the cache is dropped and not used, and open streams are ended so pages
 * fall back to polling.
 */
import { z } from "zod";
import type { DbHandle } from "../db/connect";
import { log } from "../observability/log";
import type { StatusRow } from "./merchant-view";
import { cacheChange, resetStatusCache } from "./status-read";
import { CHECKOUT_STATES } from "./state-machine";

export const CHANGE_CHANNEL = "checkout_status";

/** What a subscriber hears: the new status columns, or `gone` (deleted), or `gap` (feed not live). */
export type FeedEvent = { kind: "change"; row: StatusRow } | { kind: "gone" } | { kind: "gap" };
type Subscriber = (event: FeedEvent) => void;

const date = z.string().transform((s, ctx) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: "custom", message: "not a time" });
  return d;
});
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const announcement = z.union([
  z.object({ id: z.string(), deleted: z.literal(true) }),
  z.object({
    id: z.string(),
    state: z.enum(CHECKOUT_STATES),
    version: z.number().int(),
    amount: decimal,
    currency: z.string(),
    expiresAt: date,
    nextCheckAt: date.nullable(),
    payCurrency: z.string().nullable(),
    amountDue: decimal.nullable(),
    amountPaid: decimal.nullable(),
    confirmations: z.number().int().nullable(),
    requiredConfirmations: z.number().int().nullable(),
  }),
]);

export class ChangeFeed {
  private subscribers = new Map<string, Set<Subscriber>>();
  private isLive = false;
  private stopListening: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;
  /** Changes heard since start, for metrics and tests. */
  heard = 0;

  /** True while every committed change is being heard. */
  get live(): boolean {
    return this.isLive;
  }

  /** Starts listening on the database (once; later calls wait for the first). */
  start(handle: Pick<DbHandle, "listen">): Promise<void> {
    this.starting ??= handle
      .listen(CHANGE_CHANNEL, {
        message: (payload) => this.hear(payload),
        live: (isLive) => this.setLive(isLive),
      })
      .then((stop) => {
        this.stopListening = stop;
      });
    return this.starting;
  }

  async stop(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = null;
    this.starting = null;
    if (stop) await stop();
    this.setLive(false);
  }

  /** Calls `fn` with every change of this checkout until the returned function is called. */
  subscribe(id: string, fn: Subscriber): () => void {
    let set = this.subscribers.get(id);
    if (!set) this.subscribers.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.subscribers.get(id) === set) this.subscribers.delete(id);
    };
  }

  /** How many checkouts have at least one subscriber (open payment pages, roughly). */
  get watched(): number {
    return this.subscribers.size;
  }

  private setLive(isLive: boolean) {
    const was = this.isLive;
    this.isLive = isLive;
    // Either way what was kept may be stale: before, announcements were missed; now, not heard.
    resetStatusCache();
    if (was && !isLive) for (const [, set] of this.subscribers) this.tell(set, { kind: "gap" });
  }

  private hear(payload: string) {
    let parsed: z.infer<typeof announcement>;
    try {
      parsed = announcement.parse(JSON.parse(payload));
    } catch (e) {
      // Our own trigger wrote it, so this is a bug; nothing kept can be trusted for that checkout.
      log().error({ err: e, payload: payload.slice(0, 200) }, "change feed: an announcement could not be read");
      resetStatusCache();
      return;
    }
    this.heard++;
    const set = this.subscribers.get(parsed.id);
    if ("deleted" in parsed) {
      cacheChange(parsed.id, null);
      if (set) this.tell(set, { kind: "gone" });
      return;
    }
    const row: StatusRow = parsed;
    cacheChange(row.id, row);
    if (set) this.tell(set, { kind: "change", row });
  }

  private tell(set: Set<Subscriber>, event: FeedEvent) {
    for (const fn of [...set]) {
      try {
        fn(event);
      } catch (e) {
        log().warn({ err: e }, "change feed: a subscriber failed");
      }
    }
  }
}

// On globalThis: Next may load this module once per route bundle; all must share one feed.
const holder = globalThis as unknown as { __changeFeed?: ChangeFeed };

export function getChangeFeed(): ChangeFeed {
  return (holder.__changeFeed ??= new ChangeFeed());
}
