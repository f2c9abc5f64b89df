/**
 * Decides which e-mails to write, reading only what is already committed, so nothing here can hold
 * up or undo a payment:
 *  - the merchant-event outbox, in order, from a cursor kept in `app_state` (the cursor row is
 *    locked while a batch is read, so two instances never read the same events): a paid ECOMMERCE
 *    checkout with a customer e-mail gets a receipt (when receipts are on), in the language the
 *    customer used on the payment page; a checkout that expired with part of its amount paid, or
 *    paid after it expired, gets a merchant alert;
 *  - standing problems, looked at on every round: a refund of unknown outcome, merchant webhooks
 *    failing for an hour, a go-live check failing.
 * Alerts are written through queueAlert (at most one per problem per hour, across instances).
 */
import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, lte, max, or, sql } from "drizzle-orm";
import { money, toAmountString } from "../../money/decimal";

/** "0.000400000000000000" → "0.0004": as a person writes it. */
const amount = (v: string | null) => (v === null ? "?" : toAmountString(money(v)));
import type { Db } from "../../db/connect";
import { appState, checkoutRefunds, checkouts, notificationEvents, type CheckoutRow } from "../../db/schema";
import type { Mode } from "../../env";
import { isLocale, DEFAULT_LOCALE } from "../../i18n/locales";
import type { GoLiveReport } from "../../rail-health/go-live";
import { STALE_SENDING_MS } from "../../refunds/queries";
import { getMailSettings } from "./settings";
import { queueAlert, enqueueMail } from "./queue";
import { alertMail, receiptMail } from "./templates";

const CURSOR_KEY = "mail_cursor";
const BATCH = 100;
/** Events older than this when first read (e-mail was off, or the app was down for a day) get no e-mail. */
const TOO_OLD_MS = 24 * 60 * 60_000;
export const WEBHOOK_FAILING_MS = 60 * 60_000;

export interface WatcherDeps {
  db: Db;
  mode: Mode;
  appUrl: string;
  envAlertsTo: string | null;
  /** The shop's name as customers see it (settings or MERCHANT_NAME). */
  merchantName: () => Promise<string>;
  goLive?: () => GoLiveReport;
  now?: () => number;
}

export class MailWatcher {
  private readonly now: () => number;
  constructor(private readonly deps: WatcherDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** One round: the new events, then the standing problems. Returns how many e-mails were queued. */
  async tick(): Promise<number> {
    const settings = await getMailSettings(this.deps.db, this.deps.envAlertsTo);
    let queued = 0;
    for (;;) {
      const { read, mails } = await this.readEvents(settings.alertsTo, settings.receipts);
      queued += mails;
      if (read < BATCH) break;
    }
    if (settings.alertsTo) queued += await this.standingProblems(settings.alertsTo);
    return queued;
  }

  private dashboard(path: string) {
    return `${this.deps.appUrl}/dashboard${path}`;
  }

  private async readEvents(alertsTo: string | null, receipts: boolean): Promise<{ read: number; mails: number }> {
    const now = this.now();
    const merchant = await this.deps.merchantName();
    return this.deps.db.transaction(async (tx) => {
      // First round ever: start after the events already there (no e-mail about the past).
      const [{ top } = { top: 0 }] = await tx
        .select({ top: max(notificationEvents.sequence) })
        .from(notificationEvents);
      await tx
        .insert(appState)
        .values({ key: CURSOR_KEY, value: { sequence: Number(top ?? 0) } })
        .onConflictDoNothing();
      const [cursorRow] = await tx
        .select({ value: appState.value })
        .from(appState)
        .where(eq(appState.key, CURSOR_KEY))
        .for("update");
      const cursor = (cursorRow?.value as { sequence: number }).sequence;
      const events = await tx
        .select({
          sequence: notificationEvents.sequence,
          type: notificationEvents.type,
          checkoutId: notificationEvents.checkoutId,
          createdAt: notificationEvents.createdAt,
        })
        .from(notificationEvents)
        .where(and(gt(notificationEvents.sequence, cursor), eq(notificationEvents.channel, "merchant")))
        .orderBy(asc(notificationEvents.sequence))
        .limit(BATCH);
      if (events.length === 0) return { read: 0, mails: 0 };
      const ids = [...new Set(events.map((e) => e.checkoutId).filter((id): id is string => id !== null))];
      const rows = ids.length ? await tx.select().from(checkouts).where(inArray(checkouts.id, ids)) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      let mails = 0;
      for (const e of events) {
        const row = e.checkoutId ? byId.get(e.checkoutId) : undefined;
        if (!row || now - e.createdAt.getTime() > TOO_OLD_MS) continue;
        if (e.type === "checkout.paid" && receipts) {
          const to = row.type === "ECOMMERCE" ? row.customerInfo?.email?.trim() : undefined;
          if (
            to &&
            (await enqueueMail(
              tx,
              { ...this.receipt(row, merchant), kind: "receipt", recipient: to, checkoutId: row.id },
              now,
            ))
          )
            mails++;
        }
        if (!alertsTo) continue;
        if (e.type === "checkout.paid_late") {
          if (await queueAlert(tx, `paid_late:${row.id}`, alertsTo, () => this.paidLateAlert(row, merchant), now))
            mails++;
        } else if (e.type === "checkout.expired" && row.amountPaid && money(row.amountPaid).gt(0)) {
          if (await queueAlert(tx, `underpaid:${row.id}`, alertsTo, () => this.underpaidAlert(row, merchant), now))
            mails++;
        }
      }
      await tx
        .update(appState)
        .set({ value: { sequence: events.at(-1)!.sequence }, updatedAt: sql`now()` })
        .where(eq(appState.key, CURSOR_KEY));
      return { read: events.length, mails };
    });
  }

  private receipt(row: CheckoutRow, merchant: string) {
    return receiptMail({
      locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
      merchant,
      checkoutId: row.id,
      orderId: row.orderId,
      amount: row.amount,
      currency: row.currency,
      amountPaid: row.amountPaid === null ? null : amount(row.amountPaid),
      payCurrency: row.payCurrency,
      paidAt: row.paidAt ?? new Date(this.now()),
      receiptUrl: `${this.deps.appUrl}/pay/${row.id}/receipt`,
    });
  }

  private paid(row: CheckoutRow) {
    return `${amount(row.amountPaid ?? "0")} ${row.payCurrency ?? ""}`.trim();
  }

  private underpaidAlert(row: CheckoutRow, merchant: string) {
    return alertMail({
      merchant,
      sandbox: this.deps.mode === "sandbox",
      title: `Underpaid at expiry: order ${row.orderId}`,
      lines: [
        `Checkout ${row.id} for ${amount(row.amount)} ${row.currency} expired with only ${this.paid(row)} of ${amount(row.amountDue)} ${row.payCurrency ?? ""} paid.`,
        "The money that arrived is in your Bitfinex account. Decide with the customer: refund it from the checkout's page, or deliver the order if the difference is acceptable.",
      ],
      dashboardUrl: this.dashboard(`/checkouts/${row.id}`),
    });
  }

  private paidLateAlert(row: CheckoutRow, merchant: string) {
    return alertMail({
      merchant,
      sandbox: this.deps.mode === "sandbox",
      title: `Paid late: order ${row.orderId}`,
      lines: [
        `Checkout ${row.id} for ${amount(row.amount)} ${row.currency} was paid (${this.paid(row)}) after it had expired.`,
        "The money is in your Bitfinex account, but the order may already have been cancelled: deliver it, or refund the payment from the checkout's page.",
      ],
      dashboardUrl: this.dashboard(`/checkouts/${row.id}`),
    });
  }

  private async standingProblems(to: string): Promise<number> {
    const now = this.now();
    const db = this.deps.db;
    const merchant = await this.deps.merchantName();
    const sandbox = this.deps.mode === "sandbox";
    let queued = 0;
    // Refunds whose outcome nobody knows: an answer was lost, or an instance died while sending.
    const unknown = await db
      .select({ id: checkoutRefunds.id, checkoutId: checkoutRefunds.checkoutId })
      .from(checkoutRefunds)
      .where(
        or(
          eq(checkoutRefunds.status, "unknown"),
          and(eq(checkoutRefunds.status, "sending"), lte(checkoutRefunds.updatedAt, new Date(now - STALE_SENDING_MS))),
        ),
      )
      .limit(20);
    for (const r of unknown)
      if (
        await queueAlert(
          db,
          `refund_unknown:${r.id}`,
          to,
          () =>
            alertMail({
              merchant,
              sandbox,
              title: "A refund's outcome is unknown",
              lines: [
                `Refund ${r.id} of checkout ${r.checkoutId} was sent to Bitfinex, but no answer came back: it may or may not have been paid out.`,
                "It is never sent again by itself. Check your Bitfinex account's movements, then settle it on the checkout's page.",
              ],
              dashboardUrl: this.dashboard(`/checkouts/${r.checkoutId}`),
            }),
          now,
        )
      )
        queued++;
    // Merchant webhooks: an event still undelivered an hour after its first attempt.
    const [stuck] = await db
      .select({
        count: sql<number>`count(*)::int`,
        oldest: sql<Date | string | null>`min(${notificationEvents.firstAttemptAt})`,
      })
      .from(notificationEvents)
      .where(
        and(
          eq(notificationEvents.status, "pending"),
          eq(notificationEvents.channel, "merchant"),
          isNotNull(notificationEvents.firstAttemptAt),
          gt(notificationEvents.attempts, 0),
          lte(notificationEvents.firstAttemptAt, new Date(now - WEBHOOK_FAILING_MS)),
        ),
      );
    if (
      stuck &&
      stuck.count > 0 &&
      (await queueAlert(
        db,
        "webhooks_failing",
        to,
        () =>
          alertMail({
            merchant,
            sandbox,
            title: "Webhooks have been failing for an hour",
            lines: [
              `${stuck.count} event${stuck.count === 1 ? "" : "s"} could not be delivered to your webhook endpoint for more than an hour; they are retried for about three days.`,
              "Your shop may not know about payments. Look at the delivery log for the endpoint's answers.",
            ],
            dashboardUrl: this.dashboard("/webhooks"),
          }),
        now,
      ))
    )
      queued++;
    // Going live: a check that says something is missing (not one still running or unknown).
    const report = this.deps.goLive?.();
    if (report) {
      const problems = goLiveProblems(report);
      if (
        problems.length &&
        (await queueAlert(
          db,
          "go_live",
          to,
          () =>
            alertMail({
              merchant,
              sandbox,
              title: "A go-live check is failing",
              lines: [...problems, "Customers may not be able to pay in these currencies until it is fixed."],
              dashboardUrl: this.dashboard("/health"),
            }),
          now,
        ))
      )
        queued++;
    }
    return queued;
  }
}

/** The go-live report's failures as sentences; empty when nothing is known to be missing. */
export function goLiveProblems(report: GoLiveReport): string[] {
  const out: string[] = [];
  if (report.permissions.status === "missing")
    out.push(`The Bitfinex API key lacks permissions: ${report.permissions.missing.join(", ")}.`);
  for (const m of report.depositAddresses.missing)
    out.push(`No deposit address for ${m.payCurrency} (${m.method}): ${m.reason}.`);
  return out;
}
