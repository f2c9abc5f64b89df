/**
 * How much may go back, from what the checkout records: paid, due, and refunds already sent or
 * still in flight (an in-flight refund counts as spent until it is known to have failed).
 */
import { Money, toAmountString } from "../money/decimal";
import { ApiError } from "../errors/api-error";
import type { RefundKind } from "../db/schema";

export interface RefundBase {
  paid: string;
  due: string | null;
  /** Sum of refunds sent, sending or of unknown outcome. */
  committed: string;
  decimals: number;
}

const fieldError = (message: string) =>
  new ApiError({
    code: "invalid_field",
    message: `amount: ${message}`,
    field: "amount",
    problems: [{ field: "amount", message }],
  });

/** The amount to send for a request of "full", "excess" or a decimal; throws a 422 naming the limit. */
export function refundAmount(base: RefundBase, asked: string): { amount: string; kind: RefundKind } {
  const available = new Money(base.paid).sub(base.committed);
  if (available.lte(0))
    throw new ApiError({
      code: "nothing_to_refund",
      message: "Everything paid on this checkout has already been refunded.",
    });
  if (asked === "full") return { amount: toAmountString(available), kind: "full" };
  if (asked === "excess") {
    const excess = base.due === null ? new Money(0) : new Money(base.paid).sub(base.due).sub(base.committed);
    if (excess.lte(0)) throw fieldError("nothing was paid over the amount due (or the excess was already refunded)");
    return { amount: toAmountString(Money.min(excess, available)), kind: "excess" };
  }
  const amount = new Money(asked);
  if (amount.lte(0)) throw fieldError("must be greater than zero");
  if (amount.decimalPlaces() > base.decimals) throw fieldError(`has more than ${base.decimals} decimals`);
  if (amount.gt(available)) throw fieldError(`at most ${toAmountString(available)} can be refunded`);
  return { amount: toAmountString(amount), kind: amount.eq(available) ? "full" : "partial" };
}
