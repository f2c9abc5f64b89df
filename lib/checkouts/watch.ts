/**
 * A customer looking at the payment page wants to see their payment soon, and Bitfinex only
 * sends its webhook for completed invoices. When a checkout with an invoice is being watched (its
 * status polled, or its status stream open), its next reconciler check is brought forward to a
 * few seconds away. This costs no Bitfinex call (the reconciler's budget is unchanged).
 *
 * The database cost does not grow with the number of polls: the checkouts to bring forward are
 * gathered and written together, one UPDATE per database at most every FLUSH_MS, and a checkout
 * at most once per PER_CHECKOUT_MS by this instance. The write reaches every instance's status
 * cache through the change feed, so another instance sees the check is already near and does not
 * write it again. An expired checkout still on screen is watched too for its first hour: a
 * customer who paid at the last second learns it arrived (paid_late) without waiting for the
 * 5-minute late check.
 */
import type { Db } from "../db/connect";
import { log } from "../observability/log";
import type { CheckoutDeps } from "./deps";
import { bringCheckForward } from "./repository";
import type { StatusRow } from "./merchant-view";
import { isFinal } from "./state-machine";

const SOON_MS = 3_000;
const PER_CHECKOUT_MS = 10_000;
const EXPIRED_WATCH_MS = 60 * 60_000;
export const FLUSH_MS = 1_000;

interface Batch {
  ids: Set<string>;
  timer: NodeJS.Timeout | null;
  /** Settles when the write of the batch being gathered is done (for tests and shutdown). */
  flushed: Promise<void> | null;
}

// On globalThis: the status route and the stream route may be separate module instances.
const holder = globalThis as unknown as { __watch?: { lastBump: Map<string, number>; batches: WeakMap<Db, Batch> } };
const state = (holder.__watch ??= { lastBump: new Map(), batches: new WeakMap() });

export function noteWatched(
  deps: Pick<CheckoutDeps, "db" | "now">,
  row: Pick<StatusRow, "id" | "state" | "payCurrency" | "nextCheckAt" | "expiresAt">,
): Promise<void> {
  if (!row.payCurrency || isFinal(row.state) || !row.nextCheckAt) return Promise.resolve();
  const now = deps.now();
  if (row.state === "expired" && now - row.expiresAt.getTime() > EXPIRED_WATCH_MS) return Promise.resolve();
  if (row.nextCheckAt.getTime() - now <= SOON_MS * 2) return Promise.resolve();
  if (now - (state.lastBump.get(row.id) ?? 0) < PER_CHECKOUT_MS) return Promise.resolve();
  state.lastBump.set(row.id, now);
  if (state.lastBump.size > 50_000) state.lastBump.clear();
  return enqueue(deps, row.id);
}

function enqueue(deps: Pick<CheckoutDeps, "db" | "now">, id: string): Promise<void> {
  let batch = state.batches.get(deps.db);
  if (!batch) state.batches.set(deps.db, (batch = { ids: new Set(), timer: null, flushed: null }));
  batch.ids.add(id);
  if (!batch.timer) {
    const b = batch;
    b.flushed = new Promise<void>((resolve) => {
      b.timer = setTimeout(() => {
        const ids = [...b.ids];
        b.ids.clear();
        b.timer = null;
        write(deps, ids).then(resolve, (e) => {
          log().warn({ err: e }, `watch: could not bring ${ids.length} checks forward`);
          resolve();
        });
      }, FLUSH_MS);
      b.timer.unref();
    });
  }
  return batch.flushed!;
}

async function write(deps: Pick<CheckoutDeps, "db" | "now">, ids: string[]): Promise<void> {
  const soon = new Date(deps.now() + SOON_MS);
  // One UPDATE for the batch; a row whose check was due even sooner stays as it was, and the
  // status cache is patched by the store (deciding on `soon` is the same).
  await bringCheckForward(deps.db, ids, soon);
}
