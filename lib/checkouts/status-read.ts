/**
 * The status poll's one database read, kept as cheap as a read can be: every open payment page
 * asks for it every 2 s (or listens to its stream), so it is the app's hottest path. Only the
 * columns the answer needs (a checkout row also carries JSON such as customer details and
 * metadata that the poll never shows), by primary key, as a prepared statement built once per
 * database.
 *
 * Answers are also kept in memory while the change feed is live (lib/checkouts/change-feed.ts):
 * the database announces every committed change of these columns, from any instance, and the
 * feed hands it here (`cacheChange`), so on embedded PGlite and on PostgreSQL alike a poll costs
 * no database work. Writers in this process may also hand over what they wrote at once
 * (`refreshStatus`, `patchStatus`, `forgetStatus`), a few milliseconds before the announcement.
 * A read that overlaps any change is not kept (it may have seen the old row); when the feed may
 * have missed announcements everything kept is dropped (`resetStatusCache`) and polls read until
 * it is live again; entries are re-read after STATUS_CACHE_MS anyway, as a safety net.
 * Measured by `npm run bench` (docs/BENCHMARKS.md, "status endpoint under load"). */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/connect";
import { checkouts } from "../db/schema";
import type { StatusRow } from "./merchant-view";

/**
 * The safety net's period. The feed keeps entries current, so this is not what freshness rests
 * on; it bounds what a bug (a status column the trigger does not announce) could serve. Each
 * expiry costs a read per open checkout per instance: at 30 s that was 0.13 reads per 2-second
 * poll with two instances, more than all the rest of the poll's database work (docs/BENCHMARKS.md).
 */
export const STATUS_CACHE_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

function prepare(db: Db) {
  return db
    .select({
      id: checkouts.id,
      state: checkouts.state,
      version: checkouts.version,
      amount: checkouts.amount,
      currency: checkouts.currency,
      expiresAt: checkouts.expiresAt,
      nextCheckAt: checkouts.nextCheckAt,
      payCurrency: checkouts.payCurrency,
      amountDue: checkouts.amountDue,
      amountPaid: checkouts.amountPaid,
      confirmations: checkouts.confirmations,
      requiredConfirmations: checkouts.requiredConfirmations,
    })
    .from(checkouts)
    .where(eq(checkouts.id, sql.placeholder("id")))
    .limit(1)
    .prepare("checkout_status");
}

interface StatusCache {
  rows: Map<string, { row: StatusRow; at: number }>;
  /** Counts forgets: a read that saw it change may have raced a write and is not kept. */
  writes: number;
  statements: WeakMap<Db, ReturnType<typeof prepare>>;
}

// On globalThis: Next may load this module once per route bundle, and the writers (reconciler,
// webhook hints, payment starts) must reach the same cache as the status route.
const holder = globalThis as unknown as { __statusCache?: StatusCache };
const cache = (holder.__statusCache ??= { rows: new Map(), writes: 0, statements: new WeakMap() });

async function read(db: Db, id: string): Promise<StatusRow | null> {
  let statement = cache.statements.get(db);
  if (!statement) cache.statements.set(db, (statement = prepare(db)));
  const [row] = await statement.execute({ id });
  return row ?? null;
}

/**
 * The checkout's status columns. `cached` only while the change feed is live (it keeps the
 * cache current). The row may be shared with other callers: do not change it.
 */
export async function findCheckoutStatus(
  db: Db,
  id: string,
  opts: { cached: boolean; now?: number } = { cached: false },
): Promise<StatusRow | null> {
  if (!opts.cached) return read(db, id);
  const now = opts.now ?? Date.now();
  const hit = cache.rows.get(id);
  if (hit && now - hit.at < STATUS_CACHE_MS) return hit.row;
  const writes = cache.writes;
  const row = await read(db, id);
  if (row && cache.writes === writes) {
    if (cache.rows.size >= MAX_ENTRIES) cache.rows.clear();
    cache.rows.set(id, { row, at: now });
  }
  return row;
}

/** Call after a committed write to these checkouts' rows (any column). */
export function forgetStatus(ids: string | readonly string[]): void {
  cache.writes++;
  for (const id of typeof ids === "string" ? [ids] : ids) cache.rows.delete(id);
}

/**
 * Call after a committed write that set exactly these columns of one checkout: a kept answer is
 * brought up to date rather than dropped, so the next poll still needs no read.
 */
export function patchStatus(ids: string | readonly string[], patch: Partial<StatusRow>): void {
  cache.writes++;
  for (const id of typeof ids === "string" ? [ids] : ids) {
    const hit = cache.rows.get(id);
    if (hit) cache.rows.set(id, { row: { ...hit.row, ...patch }, at: hit.at });
  }
}

/**
 * Call after a committed compare-and-set with the row it returned: a kept answer is replaced by
 * it (never by an older version), so the reconciler's routine checks do not cost the next poll a
 * read. Checkouts nobody is polling are not added.
 */
export function refreshStatus(row: StatusRow, now = Date.now()): void {
  cache.writes++;
  const hit = cache.rows.get(row.id);
  if (!hit) return;
  if (row.version < hit.row.version) {
    cache.rows.delete(row.id); // out of order: let the next poll read what is there
    return;
  }
  cache.rows.set(row.id, { row: narrow(row), at: now });
}

/**
 * A committed change announced by the change feed: a kept answer takes it unless it already holds
 * a newer version (a writer here handed it over first); `null` means the checkout is gone.
 */
export function cacheChange(id: string, row: StatusRow | null, now = Date.now()): void {
  cache.writes++;
  const hit = cache.rows.get(id);
  if (!hit) return;
  if (!row) cache.rows.delete(id);
  else if (row.version >= hit.row.version) cache.rows.set(id, { row: narrow(row), at: now });
}

/** The feed may have missed announcements: nothing kept can be trusted. */
export function resetStatusCache(): void {
  cache.writes++;
  cache.rows.clear();
}

/** Only the status columns, so a kept answer does not hold a full row's JSON. */
function narrow(row: StatusRow): StatusRow {
  const {
    id,
    state,
    version,
    amount,
    currency,
    expiresAt,
    nextCheckAt,
    payCurrency,
    amountDue,
    amountPaid,
    confirmations,
    requiredConfirmations,
  } = row;
  return {
    id,
    state,
    version,
    amount,
    currency,
    expiresAt,
    nextCheckAt,
    payCurrency,
    amountDue,
    amountPaid,
    confirmations,
    requiredConfirmations,
  };
}
