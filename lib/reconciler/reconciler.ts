/**
 * The reconciler: the source of truth when webhooks are lost (Bitfinex sends each one once, and
 * never for a payment that is merely detected or for Lightning deposits).
 *
 * Budget: each tick makes at most ONE Bitfinex call, whatever the number of open checkouts, so
 * the upstream rate is at most 60000 / intervalMs calls a minute (15 at the default 4 s, against
 * Bitfinex's 90). One call covers up to 100 invoices: a Pay list over the time window of the
 * due invoices, or the account's recent Lightning invoices; invoices a list did not cover are
 * asked about one at a time, taking turns with the lists. When there is more work than budget,
 * checkouts are simply checked less often, oldest-due first.
 *
 * Checkouts nobody started paying expire locally, without any call. With several instances on
 * one PostgreSQL, only the holder of an advisory lock reconciles.
 */
import { and, asc, eq, getViewSelectedFields, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { applyObservation } from "../checkouts/apply";
import type { CheckoutDeps } from "../checkouts/deps";
import {
  confirmFromMovements,
  observeLightningInvoices,
  observeLightningMovement,
} from "../checkouts/rails/lightning-movements";
import { observePayInvoice } from "../checkouts/rails/pay-rail";
import { changeCheckout, scheduleNextCheck, type CheckoutRow, type InvoiceRow } from "../checkouts/repository";
import { isPayable } from "../checkouts/state-machine";
import { checkoutInvoices, checkouts, type Rail } from "../db/schema";
import { refreshInvoice } from "./refresh";

export const RECONCILER_LOCK = 7_271_002;
const BATCH = 100;
const TURNS = ["pay", "lightning", "single", "movements"] as const;
/** How often LNX deposit movements (Lightning's second source) are read while a Lightning checkout is watched. */
const MOVEMENTS_EVERY_MS = 20_000;
/** A due invoice a list call did not cover waits this long before the next list, and is asked about alone meanwhile. */
const MISSED_DELAY_MS = 60_000;
/** Slack around the batch's time window: our claim time and Bitfinex's `t` differ by a request. */
const WINDOW_SLACK_MS = 60_000;

export interface TickReport {
  leader: boolean;
  expiredLocally: number;
  call: null | { rail: Rail; kind: "list" | "single" | "movements"; covered: number };
}

interface Due {
  checkout: CheckoutRow;
  invoice: InvoiceRow;
}

export class Reconciler {
  private turn = 0;
  /** When LNX deposit movements were last read (Lightning's second source). */
  private movementsAt = Number.NEGATIVE_INFINITY;
  /** Invoices a list call did not cover: asked about one by one, one per tick. */
  private singles: InvoiceRow[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<TickReport> | null = null;
  private running = false;
  /** Consecutive failed ticks: the loop backs off exponentially while Bitfinex is in trouble. */
  private failures = 0;
  lastTickAt: number | null = null;
  lastError: string | null = null;

  constructor(
    private readonly deps: CheckoutDeps,
    private readonly options: { intervalMs: number; holdsLock: () => Promise<boolean> },
  ) {}

  start() {
    if (this.timer) return;
    const loop = async () => {
      this.inFlight = this.tick();
      await this.inFlight.catch(() => {});
      this.inFlight = null;
      if (this.timer) this.timer = setTimeout(loop, this.nextDelayMs());
    };
    this.timer = setTimeout(loop, this.options.intervalMs);
    this.timer.unref?.();
  }

  /**
   * No tick starts after this; resolves once the tick in flight (and the Bitfinex call it makes)
   * has finished and recorded its outcome, so a shutdown never cuts a reconciliation in half.
   */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => {});
  }

  /** The wait before the next tick: the interval, doubled per consecutive failure, at most 16×. */
  nextDelayMs(): number {
    return this.options.intervalMs * 2 ** Math.min(4, this.failures);
  }

  /** One round: local expiries, then at most one Bitfinex call. Throws what went wrong (after recording it). */
  async tick(): Promise<TickReport> {
    if (this.running) return { leader: true, expiredLocally: 0, call: null };
    this.running = true;
    try {
      if (!(await this.options.holdsLock())) return { leader: false, expiredLocally: 0, call: null };
      this.lastTickAt = this.deps.now();
      const expiredLocally = await this.expireUnstarted();
      const call = await this.oneCall();
      this.lastError = null;
      this.failures = 0;
      return { leader: true, expiredLocally, call };
    } catch (e) {
      this.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.deps.log(`reconciler: ${this.lastError}`);
      throw e;
    } finally {
      this.running = false;
    }
  }

  /** Checkouts past their deadline with no invoice: nobody can have paid them. */
  private async expireUnstarted(): Promise<number> {
    const now = new Date(this.deps.now());
    const rows = await this.deps.db
      .select({ id: checkouts.id })
      .from(checkouts)
      .where(
        and(
          inArray(checkouts.state, ["awaiting_payment", "underpaid"]),
          lte(checkouts.expiresAt, now),
          sql`not exists (select 1 from ${checkoutInvoices} where ${checkoutInvoices.checkoutId} = ${checkouts.id} and ${checkoutInvoices.status} = 'open')`,
        ),
      )
      .limit(500);
    for (const { id } of rows) {
      await changeCheckout(
        this.deps.db,
        id,
        this.deps.now,
        (c) =>
          isPayable(c.state)
            ? { steps: ["expired"], reason: "expired: no payment was started", patch: { nextCheckAt: null } }
            : null,
        this.deps,
      );
    }
    return rows.length;
  }

  private async due(rail: Rail): Promise<Due[]> {
    const rows = await this.deps.db
      .select({ checkout: getViewSelectedFields(checkouts), invoice: getViewSelectedFields(checkoutInvoices) })
      .from(checkouts)
      .innerJoin(
        checkoutInvoices,
        and(
          eq(checkoutInvoices.checkoutId, checkouts.id),
          eq(checkoutInvoices.rail, rail),
          eq(checkoutInvoices.status, "open"),
        ),
      )
      .where(lte(checkouts.nextCheckAt, new Date(this.deps.now())))
      .orderBy(asc(checkouts.nextCheckAt))
      .limit(BATCH);
    return rows;
  }

  /** Takes turns — Pay list, Lightning list, one single — skipping turns with nothing to do, so none starves. */
  private async oneCall(): Promise<TickReport["call"]> {
    for (let i = 0; i < TURNS.length; i++) {
      const turn = TURNS[(this.turn + i) % TURNS.length]!;
      if (turn === "single") {
        const single = this.singles.shift();
        if (!single) continue;
        this.turn = (this.turn + i + 1) % TURNS.length;
        await refreshInvoice(this.deps, single, "reconciler", { movements: false });
        return { rail: single.rail, kind: "single", covered: 1 };
      }
      if (turn === "movements") {
        if (this.deps.now() - this.movementsAt < MOVEMENTS_EVERY_MS) continue;
        const watched = await this.watchedLightning();
        if (watched.length === 0) continue;
        this.turn = (this.turn + i + 1) % TURNS.length;
        this.movementsAt = this.deps.now();
        return { rail: "lightning", kind: "movements", covered: await this.lightningMovements(watched) };
      }
      const due = await this.due(turn);
      if (due.length === 0) continue;
      this.turn = (this.turn + i + 1) % TURNS.length;
      const covered = turn === "pay" ? await this.listPay(due) : await this.listLightning(due);
      return { rail: turn, kind: "list", covered };
    }
    return null;
  }

  private async listPay(due: Due[]): Promise<number> {
    const times = due.map((d) => d.invoice.createdAt.getTime());
    const start = Math.min(...times) - WINDOW_SLACK_MS;
    const end = Math.max(...times) + WINDOW_SLACK_MS;
    const upstream = await this.deps.bitfinex.pay.listInvoices({ start, end, limit: BATCH });
    const byId = new Map(upstream.map((i) => [i.id, i]));
    const methods = await this.deps.methods.get();
    let covered = 0;
    const missed: InvoiceRow[] = [];
    for (const { checkout, invoice } of due) {
      const inv = byId.get(invoice.upstreamId ?? "");
      if (!inv) {
        missed.push(invoice);
        continue;
      }
      const observed = observePayInvoice(inv, checkout.payCurrency, methods);
      await applyObservation(this.deps, invoice, observed, "reconciler", checkout);
      covered++;
    }
    await this.deferMissed(missed);
    return covered;
  }

  private async listLightning(due: Due[]): Promise<number> {
    const upstream = await this.deps.bitfinex.lightning.listInvoices(0);
    const byHash = new Map(upstream.map((p) => [p.paymentHash, p]));
    let covered = 0;
    const missed: InvoiceRow[] = [];
    const items = due.map(({ invoice }) => ({
      invoice,
      payment: byHash.get((invoice.paymentHash ?? "").toLowerCase()) ?? null,
    }));
    // Two sources: what the list says, and LNX deposit movements for every invoice it does not call paid.
    const checkoutOf = new Map(due.map((d) => [d.invoice.id, d.checkout]));
    for (const { invoice, observation } of await observeLightningInvoices(this.deps, items, { movements: false })) {
      if (!observation) {
        missed.push(invoice);
        continue;
      }
      await applyObservation(this.deps, invoice, observation, "reconciler", checkoutOf.get(invoice.id));
      covered++;
    }
    await this.deferMissed(missed);
    return covered;
  }

  /** Open Lightning invoices whose checkouts are still watched (payable, or expired within the late-payment watch). */
  private async watchedLightning(): Promise<InvoiceRow[]> {
    const rows = await this.deps.db
      .select({ invoice: getViewSelectedFields(checkoutInvoices) })
      .from(checkouts)
      .innerJoin(
        checkoutInvoices,
        and(
          eq(checkoutInvoices.checkoutId, checkouts.id),
          eq(checkoutInvoices.rail, "lightning"),
          eq(checkoutInvoices.status, "open"),
        ),
      )
      .where(isNotNull(checkouts.nextCheckAt))
      .limit(BATCH * 5);
    return rows.map((r) => r.invoice);
  }

  /** Lightning's second source: one LNX movements call for every watched invoice; a unique match pays it. */
  private async lightningMovements(invoices: InvoiceRow[]): Promise<number> {
    const paidBy = await confirmFromMovements(this.deps, invoices);
    for (const invoice of invoices) {
      const movement = paidBy.get(invoice.id);
      if (movement)
        await applyObservation(this.deps, invoice, observeLightningMovement(movement, invoice), "reconciler");
    }
    return paidBy.size;
  }

  /** Invoices a list call did not cover: asked about alone, one per turn, and out of the next lists' way. */
  private async deferMissed(missed: InvoiceRow[]) {
    if (missed.length === 0) return;
    for (const invoice of missed) {
      if (this.singles.length < 1000 && !this.singles.some((s) => s.id === invoice.id)) this.singles.push(invoice);
    }
    const nextCheckAt = new Date(this.deps.now() + MISSED_DELAY_MS);
    const ids = missed.map((m) => m.checkoutId);
    await scheduleNextCheck(this.deps.db, ids, nextCheckAt);
  }

  /** Seconds the oldest due check has been waiting (0 when up to date): the dashboard's "lag". */
  async lagSeconds(): Promise<number> {
    const [row] = await this.deps.db
      .select({ at: sql<string | null>`min(${checkouts.nextCheckAt})` })
      .from(checkouts)
      .where(lte(checkouts.nextCheckAt, new Date(this.deps.now())));
    if (!row?.at) return 0;
    return Math.max(0, Math.round((this.deps.now() - new Date(row.at).getTime()) / 1000));
  }
}
