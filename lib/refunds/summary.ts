/** What the dashboard's refund dialog offers for a checkout: what is left, and the excess paid. */
import { payCurrency } from "../currencies/pay-currencies";
import type { CheckoutRow } from "../checkouts/repository";
import { Money, toAmountString } from "../money/decimal";
import { effectiveStatus, type RefundRow } from "./queries";
import { canRefund } from "../checkouts/state-machine";

export interface RefundOffer {
  asset: string;
  network: string;
  available: string;
  excess: string | null;
  takesMemo: boolean;
  /** A refund is in flight or of unknown outcome: no new one until it is settled. */
  blocked: boolean;
}

/** Null when the checkout cannot be refunded at all (unpaid, Lightning, currency unknown). */
export function refundOffer(row: CheckoutRow, refunds: RefundRow[], now: number): RefundOffer | null {
  if (!canRefund(row.state)) return null;
  const info = row.payCurrency ? payCurrency(row.payCurrency) : undefined;
  if (!info || info.format === "lightning" || !row.amountPaid) return null;
  const counted = refunds.filter((r) => effectiveStatus(r, now) !== "failed");
  const committed = counted.reduce((sum, r) => sum.add(r.amount), new Money(0));
  const available = new Money(row.amountPaid).sub(committed);
  if (available.lte(0)) return null;
  const over = row.amountDue ? new Money(row.amountPaid).sub(row.amountDue).sub(committed) : new Money(0);
  return {
    asset: info.asset,
    network: info.networkName,
    available: toAmountString(available),
    excess: over.gt(0) ? toAmountString(Money.min(over, available)) : null,
    takesMemo: info.format === "ton",
    blocked: counted.some((r) => r.status !== "sent"),
  };
}
