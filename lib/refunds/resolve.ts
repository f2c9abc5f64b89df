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
import { ApiError, fromZodError, notFound } from "../errors/api-error";
import { effectiveStatus, type RefundRow } from "./queries";
import { markSent } from "./request";

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
  const parsed = resolveInputSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  const [refund] = await deps.db
    .select()
    .from(checkoutRefunds)
    .where(and(eq(checkoutRefunds.id, refundId), eq(checkoutRefunds.checkoutId, checkoutId)))
    .limit(1);
  if (!refund) throw notFound("This refund");
  if (effectiveStatus(refund, deps.now()) !== "unknown")
    throw new ApiError({
      status: 409,
      code: "refund_settled",
      message: `This refund is ${refund.status}; only one of unknown outcome can be settled by hand.`,
    });
  if (parsed.data.outcome === "not_sent") {
    const [row] = await deps.db
      .update(checkoutRefunds)
      .set({ status: "failed", error: "marked as not sent by the merchant", updatedAt: new Date(deps.now()) })
      .where(and(eq(checkoutRefunds.id, refundId), eq(checkoutRefunds.status, refund.status)))
      .returning();
    if (!row)
      throw new ApiError({ status: 409, code: "refund_settled", message: "This refund was settled meanwhile." });
    return row;
  }
  const upstreamId = parsed.data.bitfinexRefundId ?? null;
  if (upstreamId) {
    const pay = (await findInvoices(deps.db, checkoutId)).find((i) => i.rail === "pay" && i.upstreamId);
    if (pay) await deps.bitfinex.pay.markRefunded({ id: pay.upstreamId!, refundId: upstreamId });
  }
  return markSent(deps, refund, upstreamId);
}

export interface CheckResult {
  outcome: "sent" | "not_seen";
  refund: RefundRow;
}

/**
 * Asks Bitfinex's own record of the invoice (invoice events) whether a refund of unknown outcome
 * went out: when it lists more refunds than we have recorded as sent, the unknown one did, and it
 * is recorded as sent. Otherwise nothing changes (Bitfinex may still be processing it): the
 * merchant decides. Reading is all this does; nothing is ever sent from here.
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
      status: 409,
      code: "refund_settled",
      message: `This refund is ${refund.status}; only one of unknown outcome needs checking.`,
    });
  const pay = (await findInvoices(deps.db, checkoutId)).find((i) => i.rail === "pay" && i.upstreamId);
  if (!pay)
    throw new ApiError({
      status: 409,
      code: "not_refundable",
      message: "This checkout has no Bitfinex Pay invoice to ask about.",
    });
  const events = await deps.bitfinex.pay.listInvoiceEvents(pay.upstreamId!);
  // Refunds Bitfinex made (not ones only marked as refunded), against those we know were sent.
  const atBitfinex = events.filter((e) => /REFUND/i.test(e.type) && !/MARK/i.test(e.type)).length;
  const recorded = refunds.filter((r) => r.status === "sent").length;
  if (atBitfinex > recorded) return { outcome: "sent", refund: await markSent(deps, refund, null) };
  return { outcome: "not_seen", refund };
}
