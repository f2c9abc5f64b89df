/** Reading refunds, and the view of one that leaves the server (API, dashboard, webhooks). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect";
import { checkoutRefunds } from "../db/schema";
import { cryptoString } from "../checkouts/amounts";

export type RefundRow = typeof checkoutRefunds.$inferSelect;

/**
 * A refund still `sending` this long after it was written belongs to a request that died: its
 * outcome is unknown, and it really may have gone. A request cannot still be waiting to leave by
 * then: one that has not left within REFUND_SEND_WITHIN_MS (5 s) is abandoned unsent and recorded
 * `failed`, and one that left is answered or timed out within BFX_TIMEOUT_MS (at most 60 s).
 */
export const STALE_SENDING_MS = 120_000;

export async function listRefunds(db: Db, checkoutId: string): Promise<RefundRow[]> {
  return db
    .select()
    .from(checkoutRefunds)
    .where(eq(checkoutRefunds.checkoutId, checkoutId))
    .orderBy(asc(checkoutRefunds.createdAt));
}

/** The status as people should read it: a `sending` row nobody is finishing any more is `unknown`. */
export function effectiveStatus(r: RefundRow, now: number): RefundRow["status"] {
  return r.status === "sending" && now - r.updatedAt.getTime() > STALE_SENDING_MS ? "unknown" : r.status;
}

export function refundView(r: RefundRow, now: number) {
  return {
    id: r.id,
    object: "refund" as const,
    checkoutId: r.checkoutId,
    status: effectiveStatus(r, now),
    amount: cryptoString(r.amount),
    currency: r.currency,
    payCurrency: r.payCurrency,
    kind: r.kind,
    address: r.address,
    paymentId: r.paymentId,
    bitfinexRefundId: r.upstreamRefundId,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
