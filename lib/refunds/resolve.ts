/**
 * Settling a refund whose outcome is unknown (Bitfinex gave no answer, or the app stopped while
 * waiting for one). Only the merchant can say, after looking at the Bitfinex account: it went out
 * (then, given Bitfinex's refund id, Bitfinex is told with mark/refunded and the refund counts as
 * sent, with its `checkout.refunded` event), or it did not (then it is `failed` and a new refund
 * may be asked). Nothing is sent to the customer here.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { CheckoutDeps } from "../checkouts/deps";
import { findInvoices } from "../checkouts/repository";
import { checkoutRefunds } from "../db/schema";
import { Money } from "../money/decimal";
import { ApiError, parseInput, notFound } from "../errors/api-error";
import { effectiveStatus, type RefundRow } from "./queries";
import { markSent } from "./request";
import { invoiceThatCan } from "../checkouts/rails";

export const resolveInputSchema = z
  .object({
    outcome: z.enum(["sent", "not_sent"], { error: 'must be "sent" or "not_sent"' }),
    bitfinexRefundId: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

export async function resolveRefund(
  deps: CheckoutDeps,
  checkoutId: string,
  refundId: string,
  body: unknown,
): Promise<RefundRow> {
  const parsed = parseInput(resolveInputSchema, body);
  const [refund] = await deps.db
    .select()
    .from(checkoutRefunds)
    .where(and(eq(checkoutRefunds.id, refundId), eq(checkoutRefunds.checkoutId, checkoutId)))
    .limit(1);
  if (!refund) throw notFound("This refund");
  if (effectiveStatus(refund, deps.now()) !== "unknown")
    throw new ApiError({
      code: "refund_settled",
      message: `This refund is ${refund.status}; only one of unknown outcome can be settled by hand.`,
    });
  if (parsed.outcome === "not_sent") {
    const [row] = await deps.db
      .update(checkoutRefunds)
      .set({ status: "failed", error: "marked as not sent by the merchant", updatedAt: new Date(deps.now()) })
      .where(and(eq(checkoutRefunds.id, refundId), eq(checkoutRefunds.status, refund.status)))
      .returning();
    if (!row) throw new ApiError({ code: "refund_settled", message: "This refund was settled meanwhile." });
    return row;
  }
  const upstreamId = parsed.bitfinexRefundId ?? null;
  if (upstreamId) {
    const refunding = invoiceThatCan(await findInvoices(deps.db, checkoutId), (r) => r.markRefunded !== undefined, {
      anyStatus: true,
    });
    if (refunding) await refunding.rail.markRefunded!(deps, refunding.invoice, upstreamId);
  }
  return markSent(deps, refund, upstreamId);
}

export interface CheckResult {
  outcome: "sent" | "not_seen";
  refund: RefundRow;
}

/** A withdrawal stamped this long before the refund row (clocks differ) still counts. */
const WITHDRAWAL_SLACK_MS = 5_000;
/** A refund confirmed sent this long before another was asked for had its own withdrawal by then (Bitfinex answers a refund once it is made). */
const SENT_RIVAL_MS = WITHDRAWAL_SLACK_MS;

/**
 * Asks Bitfinex whether a refund of unknown outcome went out, from a fact Bitfinex documents: a
 * withdrawal in the account's movements (`/v2/auth/r/movements/{ccy}/hist`: AMOUNT negative at
 * [12], FEES at [13], STATUS at [9], DESTINATION_ADDRESS at [16]) in the refund's currency, to the
 * refund's address, of its amount (with or without the fee), COMPLETED, made after the refund was
 * asked for, which no other refund of the same amount to the same address could own. Found:
 * recorded as sent. Otherwise
 * nothing changes (Bitfinex may still be processing it) and the merchant decides. Invoice events,
 * whose vocabulary Bitfinex never documented, are not read. Reading is all this does.
 */
export async function checkRefundWithBitfinex(
  deps: CheckoutDeps,
  checkoutId: string,
  refundId: string,
): Promise<CheckResult> {
  const refunds = await deps.db.select().from(checkoutRefunds).where(eq(checkoutRefunds.checkoutId, checkoutId));
  const refund = refunds.find((r) => r.id === refundId);
  if (!refund) throw notFound("This refund");
  if (effectiveStatus(refund, deps.now()) !== "unknown")
    throw new ApiError({
      code: "refund_settled",
      message: `This refund is ${refund.status}; only one of unknown outcome needs checking.`,
    });
  const refunding = invoiceThatCan(await findInvoices(deps.db, checkoutId), (r) => r.markRefunded !== undefined, {
    anyStatus: true,
  });
  if (!refunding)
    throw new ApiError({
      code: "not_refundable",
      message: "This checkout has no Bitfinex Pay invoice to ask about.",
    });
  const movements = await deps.bitfinex.account.listMovements({
    currency: refund.currency,
    start: refund.createdAt.getTime() - WITHDRAWAL_SLACK_MS,
    end: deps.now(),
    limit: 500,
  });
  const amount = new Money(refund.amount);
  const at = (m: (typeof movements)[number]) => m.startedAt ?? m.updatedAt ?? 0;
  const candidates = movements.filter((m) => {
    const out = new Money(m.amount);
    if (!out.lt(0) || m.status.trim().toUpperCase() !== "COMPLETED") return false;
    if (m.currency !== refund.currency || (m.address ?? "") !== refund.address) return false;
    if (at(m) < refund.createdAt.getTime() - WITHDRAWAL_SLACK_MS) return false;
    const sent = out.abs();
    return sent.eq(amount) || sent.add(new Money(m.fees).abs()).eq(amount);
  });
  // A withdrawal names no refund: where another refund (of any checkout) of the same amount to the
  // same address could own it, or two withdrawals could, nothing is guessed.
  const rivals = (
    await deps.db
      .select()
      .from(checkoutRefunds)
      .where(and(eq(checkoutRefunds.currency, refund.currency), eq(checkoutRefunds.address, refund.address)))
  ).filter(
    (r) =>
      r.id !== refund.id &&
      r.status !== "failed" &&
      new Money(r.amount).eq(amount) &&
      // A refund already confirmed sent well before this one was asked for had its own withdrawal
      // then; one still unknown, or sent close to (or after) this one, could own the withdrawal seen.
      (r.status !== "sent" || r.createdAt.getTime() >= refund.createdAt.getTime() - SENT_RIVAL_MS) &&
      candidates.some((m) => at(m) >= r.createdAt.getTime() - WITHDRAWAL_SLACK_MS),
  );
  if (candidates.length === 1 && rivals.length === 0)
    return { outcome: "sent", refund: await markSent(deps, refund, `movement:${candidates[0]!.id}`) };
  return { outcome: "not_seen", refund };
}
