/**
 * Sends the e-mail outbox through SMTP (nodemailer: maintained, the standard SMTP client for
 * Node, with pooling, TLS and timeouts). Every instance runs one; a message is claimed with a
 * lease (`FOR UPDATE SKIP LOCKED`) so two instances never send it together, and the SMTP
 * conversation happens after the claim's transaction. A failure (server down, refused, timed out)
 * is retried on the webhook schedule (schedule.ts: 30 s, 1 min, 2 min … for about three days);
 * the payment that caused the message committed long before and never waits for it.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/connect";
import { mailOutbox } from "../../db/schema";
import { logLine } from "../../observability/log";
import { nextAttemptAt } from "../schedule";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close?(): void;
}

/** The SMTP transport for SMTP_URL (smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when offered). */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never) as unknown as MailTransport;
}

export interface SenderOptions {
  db: Db;
  transport: MailTransport;
  from: string;
  /** Work that decides what to write (MailWatcher.tick), run before each round of sending. */
  beforeTick?: () => Promise<unknown>;
  now?: () => number;
  log?: (line: string) => void;
  idleMs?: number;
  claimLeaseMs?: number;
  batch?: number;
  random?: () => number;
}

export interface SendReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

export class MailSender {
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private loop: Promise<void> | null = null;
  private stopped = true;
  private wake: (() => void) | null = null;
  private running = false;
  lastError: string | null = null;

  constructor(private readonly options: SenderOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? logLine;
  }

  start() {
    if (this.loop) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        let busy = false;
        try {
          await this.options.beforeTick?.();
          busy = (await this.tick()).claimed > 0;
        } catch (e) {
          this.lastError = e instanceof Error ? e.message : String(e);
          this.log(`mail: ${this.lastError}`);
        }
        if (!busy && !this.stopped) await this.sleep(this.options.idleMs ?? 2000);
      }
    })();
  }

  /** No new claim after this; resolves when the messages in flight are recorded. */
  async stop() {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.options.transport.close?.();
  }

  /** Sends one message now, outside the outbox (the dashboard's test e-mail: its result is shown at once). */
  async sendNow(message: Omit<MailMessage, "from">): Promise<void> {
    await this.options.transport.sendMail({ from: this.options.from, ...message });
  }

  nudge() {
    this.wake?.();
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = null));
  }

  /** One round: claim due messages, send them one by one, record each outcome. */
  async tick(): Promise<SendReport> {
    const report: SendReport = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    if (this.running) return report;
    this.running = true;
    try {
      const claimed = await this.claim();
      report.claimed = claimed.length;
      for (const row of claimed) report[await this.send(row)]++;
      return report;
    } finally {
      this.running = false;
    }
  }

  private async claim() {
    const now = this.now();
    const at = new Date(now);
    const token = randomUUID();
    return this.options.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.status, "pending"),
            lte(mailOutbox.nextAttemptAt, at),
            or(isNull(mailOutbox.claimedUntil), lte(mailOutbox.claimedUntil, at)),
          ),
        )
        .orderBy(asc(mailOutbox.createdAt))
        .limit(this.options.batch ?? 10)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(mailOutbox)
        .set({ claimToken: token, claimedUntil: new Date(now + (this.options.claimLeaseMs ?? 120_000)) })
        .where(
          inArray(
            mailOutbox.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
  }

  private async send(row: typeof mailOutbox.$inferSelect): Promise<"sent" | "retrying" | "failed"> {
    let error: string | null = null;
    try {
      await this.options.transport.sendMail({
        from: this.options.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text,
        html: row.html,
        headers: {
          "Content-Language": row.locale,
          // Alerts and receipts are sent by a machine: no out-of-office replies, please.
          "Auto-Submitted": "auto-generated",
          "X-Checkout-Mail-Id": row.id,
        },
      });
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    }
    const now = this.now();
    const attempts = row.attempts + 1;
    const next = error === null ? null : nextAttemptAt(attempts, row.createdAt.getTime(), now, this.options.random);
    const outcome = error === null ? "sent" : next === null ? "failed" : "retrying";
    await this.options.db
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        lastError: error,
        claimToken: null,
        claimedUntil: null,
        ...(outcome === "sent" && { status: "sent" as const, sentAt: new Date(now) }),
        ...(outcome === "retrying" && { nextAttemptAt: new Date(next!) }),
        ...(outcome === "failed" && { status: "failed" as const }),
      })
      .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.claimToken, row.claimToken!)));
    // The recipient's domain only: addresses are customer details.
    if (outcome !== "sent")
      this.log(
        `mail: ${row.id} (${row.kind}) to …@${row.recipient.split("@").pop()}: ${error}${outcome === "failed" ? " (giving up)" : ", will retry"}`,
      );
    return outcome;
  }
}
