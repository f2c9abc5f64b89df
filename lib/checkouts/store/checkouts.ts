/**
 * The checkouts repository: the only module that writes the `checkouts` table (ARCHITECTURE.md,
 * "Repositories"; `npm run lint:deps` refuses anyone else the writable table). Every change of
 * state is a compare-and-set on the row's version, in one transaction with its timeline entries
 * and its merchant events (the outbox), so two writers (a webhook hint and the reconciler, or two
 * app instances) can never interleave half-applied updates, and a merchant is told about a change
 * exactly when it happened. The other writes are named for what they do (scheduling the next
 * check, recording a refund, ...). After each committed write the status cache is told
 * (lib/checkouts/status-read.ts), here rather than by every caller.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/connect";
import type { Mode } from "../../env";
import { checkoutTransitions, type CheckoutRow } from "../../db/schema";
import { checkoutsTable as checkouts } from "../../db/checkout-tables";
import { writeCheckoutEvents } from "../outbox";
import { outboxWritten } from "../../db/outbox-signal";
import { canMove, type CheckoutState } from "../state-machine";
import { forgetStatus, patchStatus, refreshStatus } from "../status-read";
import { metrics } from "../../observability/metrics";
import { notFound } from "../../errors/api-error";
import { isId } from "../../ids";
import { Money } from "../../money/decimal";
import { isDeepStrictEqual } from "node:util";

export type { CheckoutRow } from "../../db/schema";
/** A new checkout's row: what createCheckout fills in (the rest has defaults). */
export type NewCheckoutRow = typeof checkouts.$inferInsert;

export async function findCheckout(db: Db, id: string): Promise<CheckoutRow | null> {
  const [row] = await db.select().from(checkouts).where(eq(checkouts.id, id)).limit(1);
  return row ?? null;
}

/**
 * The checkout, or the API's not-found error (`notFound(what)`, 404 `not_found`). A malformed id
 * is not found without a read.
 */
export async function getCheckoutOrThrow(db: Db, id: string, what = "This checkout"): Promise<CheckoutRow> {
  const row = isId(id, "co") ? await findCheckout(db, id) : null;
  if (!row) throw notFound(what);
  return row;
}

/**
 * The language the customer is using on the payment page (lib/i18n/locales.ts), remembered when
 * they start paying: their e-mail receipt is written in it. Not a state change: no version bump.
 */
export async function rememberLocale(db: Db, id: string, locale: string): Promise<void> {
  await db
    .update(checkouts)
    .set({ locale })
    .where(and(eq(checkouts.id, id), sql`${checkouts.locale} is distinct from ${locale}`));
}

export async function findTransitions(db: Db, checkoutId: string) {
  return db
    .select()
    .from(checkoutTransitions)
    .where(eq(checkoutTransitions.checkoutId, checkoutId))
    .orderBy(asc(checkoutTransitions.id));
}

/** Inserts a new checkout (in the caller's transaction when given one) and returns its row. */
export async function insertCheckout(db: Db, row: NewCheckoutRow): Promise<CheckoutRow> {
  const [created] = await db.insert(checkouts).values(row).returning();
  return created!;
}

/**
 * When the reconciler should next ask Bitfinex about these checkouts. Not a change anyone
 * watches: no version bump, no event; a kept status answer is patched.
 */
export async function scheduleNextCheck(db: Db, ids: string | readonly string[], at: Date): Promise<void> {
  const list = typeof ids === "string" ? [ids] : [...ids];
  if (list.length === 0) return;
  await db
    .update(checkouts)
    .set({ nextCheckAt: at })
    .where(list.length === 1 ? eq(checkouts.id, list[0]!) : inArray(checkouts.id, list));
  patchStatus(list, { nextCheckAt: at });
}

/**
 * Brings the next check of these checkouts forward to `soon`, never back: a check already due
 * sooner stays as it is. One UPDATE for all of them (lib/checkouts/watch.ts gathers a batch).
 * Either way, deciding on `soon` is the same for the status cache.
 */
export async function bringCheckForward(db: Db, ids: string | readonly string[], soon: Date): Promise<void> {
  const list = typeof ids === "string" ? [ids] : [...ids];
  if (list.length === 0) return;
  await db
    .update(checkouts)
    .set({ nextCheckAt: soon })
    .where(
      and(
        list.length === 1 ? eq(checkouts.id, list[0]!) : inArray(checkouts.id, list),
        gt(checkouts.nextCheckAt, soon),
      ),
    );
  patchStatus(list, { nextCheckAt: soon });
}

/** Bitfinex has the customer's acceptance of its terms (lib/checkouts/tos.ts). No version bump, no event. */
export async function markTosReported(db: Db, id: string, at: Date): Promise<void> {
  await db.update(checkouts).set({ tosReportedAt: at }).where(eq(checkouts.id, id));
}

/**
 * Adds a refund Bitfinex accepted to its checkout's refunded total and bumps the checkout's version,
 * in one transaction with the refund's own writes: `work` writes the refund row (lib/refunds/request.ts)
 * and says which checkout and how much; `then` writes what follows from the updated checkout (the
 * merchant event). The status cache gets the new row once it commits, never before (a rolled-back
 * refund must not be served).
 */
export async function addRefunded<T>(
  db: Db,
  at: Date,
  work: (tx: Db) => Promise<{ checkoutId: string; amount: string; result: T }>,
  then: (tx: Db, checkout: CheckoutRow, result: T) => Promise<void>,
): Promise<T> {
  const { checkout, result } = await db.transaction(async (tx) => {
    const { checkoutId, amount, result } = await work(tx);
    const [row] = await tx
      .update(checkouts)
      .set({
        amountRefunded: sql`coalesce(${checkouts.amountRefunded}, 0) + ${amount}`,
        version: sql`${checkouts.version} + 1`,
        updatedAt: at,
      })
      .where(eq(checkouts.id, checkoutId))
      .returning();
    await then(tx, row!, result);
    return { checkout: row!, result };
  });
  refreshStatus(checkout); // committed: the next status poll answers the new version
  return result;
}

/**
 * Sandbox control only: moves a checkout's expiry (and its next check) to `at`. Returns false when
 * there is no such checkout.
 */
export async function moveExpiry(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(checkouts)
    .set({ expiresAt: at, nextCheckAt: at, version: sql`${checkouts.version} + 1` })
    .where(eq(checkouts.id, id))
    .returning({ id: checkouts.id });
  if (rows.length === 0) return false;
  forgetStatus(id);
  return true;
}

export type CheckoutPatch = Partial<
  Pick<
    CheckoutRow,
    | "payCurrency"
    | "amountDue"
    | "amountPaid"
    | "confirmations"
    | "requiredConfirmations"
    | "paidAt"
    | "nextCheckAt"
    | "lastCheckedAt"
    | "customerInfo"
    | "tosAcceptedAt"
    | "tosReportedAt"
  >
>;

export interface CheckoutChange {
  /** States to pass through, in order (usually one; "expired" then "paid_late" for a late payment). */
  steps?: CheckoutState[];
  reason: string;
  patch?: CheckoutPatch;
}

/** What a change needs beyond the row: the app's origin (for the checkout view) and mode (`livemode`) of merchant events. */
export interface ChangeContext {
  appUrl: string;
  mode: Mode;
}

/**
 * Applies a change if nobody changed the checkout since `current` was read. Returns the new row,
 * or null when the version moved on (the caller re-reads and decides again). Steps the state
 * machine refuses are dropped, so a stale or repeated update can never move a checkout backwards.
 * Every step taken writes its merchant event in the same transaction.
 */
export async function updateCheckout(
  db: Db,
  current: CheckoutRow,
  change: CheckoutChange,
  now: number,
  context: ChangeContext,
): Promise<CheckoutRow | null> {
  const taken: Array<{ from: CheckoutState; to: CheckoutState }> = [];
  let state = current.state;
  for (const step of change.steps ?? []) {
    if (canMove(state, step)) {
      taken.push({ from: state, to: step });
      state = step;
    }
  }
  const at = new Date(now);
  let events = 0;
  // The version (the status ETag, the streams' event id) moves only when something a customer or
  // merchant sees changed: a routine check that found nothing new only reschedules, so pages get
  // 304s and streams stay quiet. The compare-and-set still guards the write either way.
  const shows = taken.length > 0 || changesWhatIsShown(current, change.patch ?? {});
  const compareAndSet = (executor: Pick<Db, "update">) =>
    executor
      .update(checkouts)
      .set({ ...change.patch, state, ...(shows && { version: sql`${checkouts.version} + 1` }), updatedAt: at })
      .where(and(eq(checkouts.id, current.id), eq(checkouts.version, current.version)))
      .returning()
      .then(([row]) => row ?? null);
  // No state change, so nothing else to write with it: one UPDATE is atomic by itself, and saves
  // the BEGIN and COMMIT round trips (starting a payment, recording confirmations, scheduling).
  const updated =
    taken.length === 0
      ? await compareAndSet(db)
      : await db.transaction(async (tx) => {
          const row = await compareAndSet(tx);
          if (!row) return null;
          await tx.insert(checkoutTransitions).values(
            taken.map((t) => ({
              checkoutId: current.id,
              fromState: t.from,
              toState: t.to,
              reason: change.reason,
              at,
            })),
          );
          events = await writeCheckoutEvents(
            tx,
            row,
            taken.map((t) => t.to),
            at,
            context,
            current.state,
          );
          return row;
        });
  if (updated) {
    refreshStatus(updated); // committed: the next status poll answers the new row
    countChanges(current, updated, taken, now);
  }
  if (events > 0) outboxWritten(); // committed: a deliverer in this process may send it now
  return updated;
}

/**
 * Re-reads and re-applies `decide` until its compare-and-set wins (bounded: contention is brief).
 * `known`, a row the caller read moments ago, saves the first read: if it is stale, the
 * compare-and-set fails and the loop reads afresh. (A `decide` that makes no change on it returns
 * it as it is, so pass it only where that is good enough.)
 */
export async function changeCheckout(
  db: Db,
  id: string,
  now: () => number,
  decide: (current: CheckoutRow) => CheckoutChange | null,
  context: ChangeContext,
  known?: CheckoutRow,
): Promise<CheckoutRow | null> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = attempt === 0 && known ? known : await findCheckout(db, id);
    if (!current) return null;
    const change = decide(current);
    if (!change) return current;
    const updated = await updateCheckout(db, current, change, now(), context);
    if (updated) return updated;
  }
  throw new Error(`checkout ${id}: too much contention to apply a change`);
}

/** Columns that only schedule the reconciler's next look: nobody is shown them. */
const BOOKKEEPING: ReadonlySet<string> = new Set(["nextCheckAt", "lastCheckedAt"]);

/** Whether `patch` changes anything but bookkeeping (when unsure, it says yes: a bump is harmless). */
function changesWhatIsShown(current: CheckoutRow, patch: CheckoutPatch): boolean {
  return Object.entries(patch).some(([key, value]) => {
    if (BOOKKEEPING.has(key)) return false;
    const was: unknown = current[key as keyof CheckoutRow];
    if (was instanceof Date || value instanceof Date)
      return !(was instanceof Date && value instanceof Date && was.getTime() === value.getTime());
    // Amounts come back from the database with its scale ("0.000250040000000000"): equal as decimals.
    if (typeof was === "string" && typeof value === "string" && DECIMAL.test(was) && DECIMAL.test(value))
      return !new Money(was).eq(value);
    return !isDeepStrictEqual(was ?? null, value ?? null);
  });
}
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Metrics of a committed change: the states entered, and how late the first payment was seen. */
function countChanges(
  before: CheckoutRow,
  after: CheckoutRow,
  taken: Array<{ from: CheckoutState; to: CheckoutState }>,
  now: number,
): void {
  const m = metrics();
  for (const t of taken) m.stateEntered.inc({ state: t.to });
  const first = after.payments?.[0];
  if (!before.payments?.length && first?.createdAt) {
    // Bitfinex gives the time as epoch milliseconds or an ISO date, depending on the endpoint.
    const at = /^\d+$/.test(first.createdAt) ? Number(first.createdAt) : Date.parse(first.createdAt);
    if (Number.isFinite(at) && at <= now) m.paymentSeenSeconds.observe((now - at) / 1000);
  }
}
