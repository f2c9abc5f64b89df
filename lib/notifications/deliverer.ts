/**
 * The delivery worker: sends outbox events to the merchant's endpoint, signed, until each one is
 * answered with a 2xx or its retry window (about 3 days, see schedule.ts) is over.
 *
 * Every instance runs one, and they share the work through the database, with no leader:
 *  - an event is claimed in a short transaction (`FOR UPDATE SKIP LOCKED`, so two instances never
 *    take the same row) by writing a claim token and a lease (`claimed_until`); the HTTP request
 *    happens after that transaction, so no lock is held while a slow endpoint answers;
 *  - a claim whose lease ran out belongs to an instance that died mid-delivery (kill -9, power
 *    loss): the event is due again and another instance (or the restarted one) sends it again;
 *  - the result is written only if the claim is still ours (the token matches).
 * Delivery is therefore at least once: a crash after the merchant answered but before the result
 * was written means a second delivery of the same event id, which merchants dedupe.
 *
 * Order per checkout: an event is due only when no earlier event of its checkout is still
 * pending, so the merchant sees `checkout.pending` before `checkout.paid`, and while one event of
 * a checkout keeps failing the next one waits. Different checkouts do not wait for each other; up
 * to `concurrency` of them are sent in parallel.
 *
 * Where: the checkout's own `webhookUrl` when it was created with one, otherwise the merchant's
 * URL (settings.ts). Events of the "bfx_plugin" channel (Bitfinex Pay's WooCommerce plugin,
 * lib/bfx-pay) go to their own `destination`, unsigned, in Bitfinex's body format, and are ordered
 * only among themselves, so a merchant endpoint that is missing or failing never holds them back. Events with nowhere to go are not claimed: they stay pending, untouched,
 * and go out once a URL is set, with a full retry window from their first real attempt.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/connect";
import { checkouts, notificationAttempts, notificationEvents, type NotificationPayload } from "../db/schema";
import type { Mode } from "../env";
import { nextAttemptAt, TEST_PING_ATTEMPTS } from "./schedule";
import { postJson, type SendResult } from "./send";
import { getWebhookUrl, webhookSecret } from "./settings";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, USER_AGENT, signatureHeader } from "./signature";
import { onOutboxWrite } from "../db/outbox-signal";
import { metrics } from "../observability/metrics";
import { logLine } from "../observability/log";
import { pluginWebhookBody } from "../bfx-pay/webhook";
import { btcpaySig, greenfieldWebhookBody, webhookForDelivery } from "../greenfield/webhooks";

export type EventRow = typeof notificationEvents.$inferSelect;

export interface DelivererOptions {
  db: Db;
  mode: Mode;
  /** MERCHANT_WEBHOOK_URL: the destination while none is stored in the settings. */
  envUrl: string | null;
  /** MERCHANT_WEBHOOK_SECRET: the signing secret instead of the stored one. */
  envSecret?: string | null;
  now?: () => number;
  log?: (line: string) => void;
  /** How long to wait for the merchant's response. Default 10 s. */
  timeoutMs?: number;
  /** How long a claim lasts; after it another instance may deliver the event again. Default 60 s. */
  claimLeaseMs?: number;
  /** Events (of different checkouts) sent at the same time. Default 8. */
  concurrency?: number;
  /** The wait between polls when there is nothing to send. Default 1 s. */
  idleMs?: number;
  /** Jitter source for the retry schedule (tests fix it). */
  random?: () => number;
  /** Live mode only sends to public addresses; tests may force the check on in sandbox mode. */
  publicOnly?: boolean;
}

export interface TickReport {
  claimed: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Events that ran out of retries in this tick. */
  failed: number;
}

interface Claimed {
  event: EventRow;
  url: string;
}

export class Deliverer {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly timeoutMs: number;
  private readonly claimLeaseMs: number;
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly random: () => number;
  private readonly publicOnly: boolean;
  private running = false;
  private loop: Promise<void> | null = null;
  private stopped = true;
  private wake: (() => void) | null = null;
  /** A nudge that came while a tick was running: the next wait is skipped. */
  private nudged = false;
  private unsubscribe: (() => void) | null = null;
  /** Consecutive ticks that threw (database trouble): the idle wait grows while it lasts. */
  private failures = 0;
  lastTickAt: number | null = null;
  lastError: string | null = null;

  constructor(private readonly options: DelivererOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? logLine;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.claimLeaseMs = options.claimLeaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    this.idleMs = options.idleMs ?? 1000;
    this.random = options.random ?? Math.random;
    this.publicOnly = options.publicOnly ?? options.mode === "live";
    // A lease shorter than a request would let a second instance send while the first still waits.
    if (this.claimLeaseMs <= this.timeoutMs) throw new Error("claimLeaseMs must be longer than timeoutMs");
  }

  /** Polls until stop(): right away while there is work, every `idleMs` otherwise, or when nudged. */
  start() {
    if (this.loop) return;
    this.stopped = false;
    this.unsubscribe = onOutboxWrite(() => this.nudge());
    this.loop = (async () => {
      while (!this.stopped) {
        let busy = false;
        try {
          busy = (await this.tick()).claimed > 0;
        } catch {
          // recorded in lastError by tick(); wait and try again
        }
        if (!busy && !this.stopped) await this.sleep(this.idleMs * 2 ** Math.min(5, this.failures));
      }
    })();
  }

  /** Stops polling and waits for the deliveries in flight to be recorded. */
  async stop() {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.nudge();
    await this.loop;
    this.loop = null;
  }

  /** Ends the idle wait now (a new event was written in this process), or skips the next one. */
  nudge() {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  private sleep(ms: number) {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = null;
    });
  }

  /** One round: claim the due events (at most `concurrency`), send them, record the results. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    if (this.running) return report;
    this.running = true;
    try {
      this.lastTickAt = this.now();
      const { url } = await getWebhookUrl(this.db, this.options.envUrl);
      const claimed = await this.claim(url);
      report.claimed = claimed.length;
      if (claimed.length === 0) return this.succeeded(report);
      // Read per tick, so a rotation in the dashboard (on any instance) applies to the next delivery.
      const secret = await webhookSecret(this.db, this.options.envSecret ?? null);
      await Promise.all(
        claimed.map(async (c) => {
          const outcome = await this.deliver(c, secret);
          report[outcome]++;
          metrics().webhookDeliveries.inc({ outcome });
        }),
      );
      return this.succeeded(report);
    } catch (e) {
      this.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log(`notifications: ${this.lastError}`);
      throw e;
    } finally {
      this.running = false;
    }
  }

  /** A tick that went through: the database works again. */
  private succeeded(report: TickReport): TickReport {
    this.failures = 0;
    this.lastError = null;
    return report;
  }

  /**
   * Claims up to `concurrency` due events, oldest first: pending, time to try, not claimed by a
   * live instance, with somewhere to go, and no earlier event of the same checkout still pending.
   */
  private async claim(defaultUrl: string | null): Promise<Claimed[]> {
    const now = this.now();
    const at = new Date(now);
    const token = randomUUID();
    const earlier = alias(notificationEvents, "earlier");
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({
          id: notificationEvents.id,
          checkoutUrl: checkouts.webhookUrl,
          destination: notificationEvents.destination,
        })
        .from(notificationEvents)
        .leftJoin(checkouts, eq(checkouts.id, notificationEvents.checkoutId))
        .where(
          and(
            eq(notificationEvents.status, "pending"),
            lte(notificationEvents.nextAttemptAt, at),
            or(isNull(notificationEvents.claimedUntil), lte(notificationEvents.claimedUntil, at)),
            defaultUrl === null
              ? or(isNotNull(notificationEvents.destination), isNotNull(checkouts.webhookUrl))
              : undefined,
            notExists(
              tx
                .select({ one: sql`1` })
                .from(earlier)
                .where(
                  and(
                    eq(earlier.checkoutId, notificationEvents.checkoutId),
                    eq(earlier.channel, notificationEvents.channel),
                    // Per destination too: one Greenfield webhook that fails holds back only its own events.
                    sql`${earlier.destination} is not distinct from ${notificationEvents.destination}`,
                    lt(earlier.sequence, notificationEvents.sequence),
                    eq(earlier.status, "pending"),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(notificationEvents.sequence))
        .limit(this.concurrency)
        .for("update", { of: notificationEvents, skipLocked: true });
      if (due.length === 0) return [];
      const rows = await tx
        .update(notificationEvents)
        .set({
          claimToken: token,
          claimedUntil: new Date(now + this.claimLeaseMs),
          firstAttemptAt: sql`coalesce(${notificationEvents.firstAttemptAt}, ${at.toISOString()}::timestamptz)`,
        })
        .where(
          inArray(
            notificationEvents.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
      const urls = new Map(due.map((d) => [d.id, d.destination ?? d.checkoutUrl ?? defaultUrl]));
      return rows.sort((a, b) => a.sequence - b.sequence).map((event) => ({ event, url: urls.get(event.id)! }));
    });
  }

  private async deliver({ event, url }: Claimed, secret: string): Promise<"delivered" | "retrying" | "failed"> {
    if (event.channel === "bfx_plugin") {
      // Bitfinex Pay's plugin: Bitfinex's body, unsigned (the plugin checks nothing; it re-fetches the invoice).
      const result = await postJson(
        url,
        pluginWebhookBody(event.payload),
        { "Content-Type": "application/json", "User-Agent": USER_AGENT },
        { timeoutMs: this.timeoutMs, publicOnly: this.publicOnly },
      );
      return this.record(event, url, result);
    }
    if (event.channel === "greenfield") {
      // A BTCPay Greenfield webhook (lib/greenfield): BTCPay's body, signed BTCPay-Sig with its secret.
      const { webhookId, body } = greenfieldWebhookBody(event.id, event.payload);
      const hook = await webhookForDelivery(this.db, webhookId);
      if (!hook) return this.record(event, url, { statusCode: null, latencyMs: 0, error: "webhook deleted" }, true);
      const result = await postJson(
        url,
        body,
        { "Content-Type": "application/json", "User-Agent": USER_AGENT, "BTCPay-Sig": btcpaySig(hook.secret, body) },
        { timeoutMs: this.timeoutMs, publicOnly: this.publicOnly },
      );
      return this.record(event, url, result, !hook.automaticRedelivery);
    }
    const body = serializePayload(event.payload, this.options.mode);
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      [EVENT_ID_HEADER]: event.id,
      [SIGNATURE_HEADER]: signatureHeader(secret, body, this.now() / 1000),
    };
    const result = await postJson(url, body, headers, { timeoutMs: this.timeoutMs, publicOnly: this.publicOnly });
    return this.record(event, url, result);
  }

  /** Writes the attempt and the event's new state, if the claim is still ours. */
  /** `once`: no retry after a failure (a Greenfield webhook without automaticRedelivery, or one deleted). */
  private async record(
    event: EventRow,
    url: string,
    result: SendResult,
    once = false,
  ): Promise<"delivered" | "retrying" | "failed"> {
    const now = this.now();
    const at = new Date(now);
    const attempts = event.attempts + 1;
    let outcome: "delivered" | "retrying" | "failed" = "delivered";
    let next: number | null = null;
    if (result.error !== null) {
      next =
        once || (event.type === "test.ping" && attempts >= TEST_PING_ATTEMPTS)
          ? null
          : nextAttemptAt(attempts, (event.firstAttemptAt ?? at).getTime(), now, this.random);
      outcome = next === null ? "failed" : "retrying";
    }
    const ours = await this.db.transaction(async (tx) => {
      await tx.insert(notificationAttempts).values({
        eventId: event.id,
        at,
        url,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
      });
      const updated = await tx
        .update(notificationEvents)
        .set({
          attempts: sql`${notificationEvents.attempts} + 1`,
          lastStatus: result.statusCode,
          lastError: result.error,
          claimToken: null,
          claimedUntil: null,
          ...(outcome === "delivered" && { status: "delivered" as const, deliveredAt: at }),
          ...(outcome === "retrying" && { nextAttemptAt: new Date(next!) }),
          ...(outcome === "failed" && { status: "failed" as const }),
        })
        .where(and(eq(notificationEvents.id, event.id), eq(notificationEvents.claimToken, event.claimToken!)))
        .returning({ id: notificationEvents.id });
      return updated.length > 0;
    });
    // Never the secret, the signature or the body: the event id, the host and what happened.
    const host = safeHost(url);
    if (!ours)
      this.log(
        `notifications: ${event.id} → ${host}: our claim had expired; the result (${result.error ?? result.statusCode}) was not recorded on the event`,
      );
    else if (outcome !== "delivered")
      this.log(`notifications: ${event.id} → ${host}: ${result.error}${outcome === "failed" ? " (giving up)" : ""}`);
    return outcome;
  }
}

/**
 * The request body: the stored payload, with its envelope fields first so a log line reads well
 * (jsonb keeps keys in its own order, the same every time, so a resend sends the same bytes).
 * The signature is computed over exactly this string.
 */
export function serializePayload(payload: NotificationPayload, mode: Mode): string {
  const { id, type, created, data } = payload;
  // Events stored before `livemode` existed were written in the mode the app still runs in.
  const livemode = payload.livemode ?? mode === "live";
  return JSON.stringify({ id, type, livemode, created, data });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
