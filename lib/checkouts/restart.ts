/**
 * "Start again" after a checkout expired: a new checkout for the same order. Allowed for checkouts
 * from payment links and signed links, and only when nothing was paid, because the customer could
 * open the link again anyway; so it must answer exactly as opening the link again would. The link
 * is reloaded (`currentTerms`, lib/merchant/restart-terms.ts): one turned off or past its exp
 * refuses with 410, and the new checkout has the link's terms of now, not those of the old one.
 * Idempotent: double clicks make one.
 */
import { ApiError } from "../errors/api-error";
import { createCheckout } from "./create";
import type { CheckoutDeps } from "./deps";
import { getCheckoutOrThrow, type CheckoutRow } from "./repository";
import type { CheckoutInput } from "./validation";

export interface RestartOptions {
  /** The terms the link the checkout came from gives now; throws (410) when it is off or expired. */
  currentTerms: (row: CheckoutRow) => Promise<CheckoutInput>;
  /** The visitor limit: runs once the restart is allowed, so a refused one costs nothing. */
  beforeCreate?: () => Promise<void>;
}

/** Checkouts whose customer could open the link again anyway may offer "Start again". */
export function restartableSource(row: Pick<CheckoutRow, "source">): boolean {
  return row.source === "link" || row.source === "signed_link";
}

export function canRestart(row: CheckoutRow): boolean {
  const nothingPaid = row.amountPaid === null || Number(row.amountPaid) === 0;
  return row.state === "expired" && nothingPaid && restartableSource(row);
}

export async function restartCheckout(deps: CheckoutDeps, id: string, options: RestartOptions): Promise<CheckoutRow> {
  const row = await getCheckoutOrThrow(deps.db, id);
  if (!canRestart(row))
    throw new ApiError({
      code: "restart_not_allowed",
      message: "This checkout cannot be started again. Please return to the shop.",
    });
  const input = await options.currentTerms(row);
  await options.beforeCreate?.();
  const { checkout } = await createCheckout(deps, input, {
    source: row.source,
    sourceRef: row.sourceRef,
    sourceExp: row.sourceExp,
    idempotency: { scope: "restart", key: row.id, request: { restartOf: row.id } },
  });
  return checkout;
}
