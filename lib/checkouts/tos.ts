/**
 * Telling Bitfinex that the customer accepted its terms of service (invoice/update with
 * `customerInfo.tosAccepted`), which the details form records. Never in the customer's way: sent
 * after the invoice exists, in the background, and retried by TosReporter until Bitfinex has it.
 * Setting the flag twice is harmless, so two instances reporting the same checkout do no harm. A
 * refusal (not an outage) is logged and not retried: it would be refused again.
 */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { isBitfinexError } from "../bitfinex/errors";
import { checkoutInvoices, checkouts } from "../db/schema";
import type { CheckoutDeps } from "./deps";
import { markTosReported } from "./repository";

/** Reports one checkout's acceptance; true once Bitfinex has it (or there is nothing to report). */
export async function reportTosAcceptance(deps: CheckoutDeps, checkoutId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({
      upstreamId: checkoutInvoices.upstreamId,
      acceptedAt: checkouts.tosAcceptedAt,
      reportedAt: checkouts.tosReportedAt,
    })
    .from(checkouts)
    .innerJoin(checkoutInvoices, and(eq(checkoutInvoices.checkoutId, checkouts.id), eq(checkoutInvoices.rail, "pay")))
    .where(eq(checkouts.id, checkoutId))
    .limit(1);
  if (!row || !row.acceptedAt || row.reportedAt) return true;
  if (!row.upstreamId) return false; // the invoice is still being made
  try {
    await deps.bitfinex.pay.updateInvoice({ id: row.upstreamId, tosAccepted: true });
  } catch (e) {
    if (!isBitfinexError(e)) throw e;
    if (e.transient) {
      deps.log(`tos: checkout ${checkoutId}: ${e.toLogLine()} (will retry)`);
      return false;
    }
    // A refusal would be refused again: logged once and not retried, so it cannot hold up the others.
    deps.log(`tos: checkout ${checkoutId}: Bitfinex refused the update, not retried: ${e.toLogLine()}`);
  }
  // Not a change of the checkout anyone watches: no version bump, no event.
  await markTosReported(deps.db, checkoutId, new Date(deps.now()));
  return true;
}

/** Retries what was not reported: one checkout per tick, oldest acceptance first. */
export class TosReporter {
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    private readonly deps: CheckoutDeps,
    private readonly intervalMs = 30_000,
  ) {}

  async tick(): Promise<boolean | null> {
    const [next] = await this.deps.db
      .select({ id: checkouts.id })
      .from(checkouts)
      .innerJoin(
        checkoutInvoices,
        and(
          eq(checkoutInvoices.checkoutId, checkouts.id),
          eq(checkoutInvoices.rail, "pay"),
          isNotNull(checkoutInvoices.upstreamId),
        ),
      )
      .where(and(isNotNull(checkouts.tosAcceptedAt), isNull(checkouts.tosReportedAt)))
      .orderBy(asc(checkouts.tosAcceptedAt))
      .limit(1);
    return next ? reportTosAcceptance(this.deps, next.id) : null;
  }

  start() {
    this.timer ??= setInterval(() => {
      if (this.inFlight) return;
      this.inFlight = this.tick()
        .catch((e) => void this.deps.log(`tos: tick failed: ${String(e)}`))
        .finally(() => (this.inFlight = null));
    }, this.intervalMs);
    this.timer.unref?.();
  }

  /** No tick starts after this; resolves when the one in flight (a Bitfinex call) is over. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }
}
