/**
 * "Start again" after a checkout expired: a new checkout for the same order, with the same terms.
 * Allowed for checkouts from payment links and signed links (the customer could open the link
 * again anyway), and only when nothing was paid. Idempotent: double clicks make one.
 */
import { ApiError, notFound } from "../errors/api-error";
import { createCheckout } from "./create";
import type { CheckoutDeps } from "./deps";
import { findCheckout, type CheckoutRow } from "./repository";

/** Checkouts whose customer could open the link again anyway may offer "Start again". */
export function restartableSource(row: Pick<CheckoutRow, "source">): boolean {
  return row.source === "link" || row.source === "signed_link";
}

export function canRestart(row: CheckoutRow): boolean {
  const nothingPaid = row.amountPaid === null || Number(row.amountPaid) === 0;
  return row.state === "expired" && nothingPaid && restartableSource(row);
}

/** `beforeCreate` (the visitor limit) runs once the restart is allowed, so a refused one costs nothing. */
export async function restartCheckout(
  deps: CheckoutDeps,
  id: string,
  beforeCreate?: () => Promise<void>,
): Promise<CheckoutRow> {
  const row = await findCheckout(deps.db, id);
  if (!row) throw notFound("This checkout");
  if (!canRestart(row))
    throw new ApiError({
      status: 409,
      code: "restart_not_allowed",
      message: "This checkout cannot be started again. Please return to the shop.",
    });
  await beforeCreate?.();
  const input = {
    amount: row.amount,
    currency: row.currency,
    orderId: row.orderId,
    description: row.description ?? undefined,
    payCurrencies: row.payCurrencies,
    type: row.type,
    duration: row.durationSeconds,
    redirectUrl: row.redirectUrl ?? undefined,
    webhookUrl: row.webhookUrl ?? undefined,
    metadata: row.metadata ?? undefined,
  };
  const { checkout } = await createCheckout(deps, input, {
    source: row.source,
    sourceRef: row.sourceRef,
    idempotency: { scope: "restart", key: row.id, request: { restartOf: row.id } },
  });
  return checkout;
}
