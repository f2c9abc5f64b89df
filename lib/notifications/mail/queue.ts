/**
 * Writing e-mails into the outbox (mail_outbox). Nothing here talks to an SMTP server: the
 * sender (sender.ts) does, later, so a payment never waits for mail.
 *
 * Merchant alerts are keyed by the problem they are about ("underpaid:co_…", "webhooks_failing",
 * "go_live"): at most one e-mail per problem per hour, decided by one atomic upsert on
 * `mail_alerts`, so several instances that see the same problem at the same time send it once.
 */
import "server-only";
import { lte } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { mailAlerts, mailOutbox } from "../../db/schema";
import { newId } from "../../ids";
import type { Mail } from "./templates";

export const ALERT_INTERVAL_MS = 60 * 60_000;

export interface QueuedMail extends Mail {
  kind: "alert" | "receipt" | "test";
  recipient: string;
  checkoutId?: string | null;
  problem?: string | null;
}

/** Queues one message; a second receipt for the same checkout is silently not queued. Returns its id, or null. */
export async function enqueueMail(db: Db, mail: QueuedMail, now: number): Promise<string | null> {
  const id = newId("mail");
  const rows = await db
    .insert(mailOutbox)
    .values({
      id,
      kind: mail.kind,
      problem: mail.problem ?? null,
      checkoutId: mail.checkoutId ?? null,
      recipient: mail.recipient,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      locale: mail.locale,
      createdAt: new Date(now),
      nextAttemptAt: new Date(now),
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  return rows[0]?.id ?? null;
}

/**
 * Queues the alert for `problem` unless one was queued less than an hour ago (by any instance).
 * `build` runs only when the alert is due. Returns whether it was queued.
 */
export async function queueAlert(
  db: Db,
  problem: string,
  recipient: string,
  build: () => Mail,
  now: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const at = new Date(now);
    const won = await tx
      .insert(mailAlerts)
      .values({ problem, lastQueuedAt: at })
      .onConflictDoUpdate({
        target: mailAlerts.problem,
        set: { lastQueuedAt: at },
        setWhere: lte(mailAlerts.lastQueuedAt, new Date(now - ALERT_INTERVAL_MS)),
      })
      .returning({ problem: mailAlerts.problem });
    if (won.length === 0) return false;
    await enqueueMail(tx, { ...build(), kind: "alert", recipient, problem }, now);
    return true;
  });
}
