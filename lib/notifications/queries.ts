/**
 * Reading and acting on notification events from outside the worker: the dashboard's event list
 * and detail, "resend", "send a test event", and the health check's counts.
 */
import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/connect";
import type { Mode } from "../env";
import { notificationAttempts, notificationEvents, type NotificationStatus } from "../db/schema";
import { writeTestEvent } from "./test-event";
import { outboxWritten } from "../db/outbox-signal";

export interface ListEventsOptions {
  /** At most this many, newest first (default 50, at most 200). */
  limit?: number;
  status?: NotificationStatus;
  checkoutId?: string;
  /** Paging: events older than this sequence number. */
  beforeSequence?: number;
}

export async function listEvents(db: Db, options: ListEventsOptions = {}) {
  const filters: SQL[] = [];
  if (options.status) filters.push(eq(notificationEvents.status, options.status));
  if (options.checkoutId) filters.push(eq(notificationEvents.checkoutId, options.checkoutId));
  if (options.beforeSequence !== undefined) filters.push(lt(notificationEvents.sequence, options.beforeSequence));
  return db
    .select()
    .from(notificationEvents)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(notificationEvents.sequence))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
}

/** An event and every attempt to deliver it, oldest attempt first; null when there is no such event. */
export async function findEventWithAttempts(db: Db, id: string) {
  const [event] = await db.select().from(notificationEvents).where(eq(notificationEvents.id, id)).limit(1);
  if (!event) return null;
  const attempts = await db
    .select()
    .from(notificationAttempts)
    .where(eq(notificationAttempts.eventId, id))
    .orderBy(notificationAttempts.id);
  return { event, attempts };
}

/**
 * Sends an event again, soon: the same id and the same body (the merchant dedupes by id), a new
 * run of attempts with a full retry window. Any status may be resent (a delivered event too: the
 * merchant asked for it). A claim in progress is left alone. Returns the event, or null.
 */
export async function resendEvent(db: Db, id: string, now: number = Date.now()) {
  const at = new Date(now);
  const [row] = await db
    .update(notificationEvents)
    .set({ status: "pending", nextAttemptAt: at, attempts: 0, firstAttemptAt: null })
    .where(eq(notificationEvents.id, id))
    .returning();
  if (row) outboxWritten();
  return row ?? null;
}

/** Writes a `test.ping` event to the merchant's URL (it waits for no checkout's events). */
export async function sendTestEvent(db: Db, now: number, mode: Mode) {
  const row = await writeTestEvent(db, new Date(now), mode);
  outboxWritten();
  return row;
}

export interface NotificationHealth {
  pending: number;
  failed: number;
  /** How long the oldest pending event has been waiting; 0 when none. */
  oldestPendingSeconds: number;
}

/** Counts for /api/health: one query over the (status, next_attempt_at) index. */
export async function notificationHealth(db: Db, now: number = Date.now()): Promise<NotificationHealth> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${notificationEvents.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${notificationEvents.status} = 'failed')::int`,
      oldest: sql<
        string | null
      >`min(${notificationEvents.createdAt}) filter (where ${notificationEvents.status} = 'pending')`,
    })
    .from(notificationEvents)
    .where(sql`${notificationEvents.status} in ('pending', 'failed')`);
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return {
    pending: Number(row?.pending ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestPendingSeconds: oldest === null ? 0 : Math.max(0, Math.round((now - oldest) / 1000)),
  };
}
