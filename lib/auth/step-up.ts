/**
 * Step-up for refunds: a user with a second factor enters a fresh code for each refund of a
 * checkout whose amount (in the checkout's own currency) is above the threshold an owner sets on
 * the Users page. Kept in app_state; by default ("0") every refund asks.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/connect";
import { appState } from "../db/schema";
import { money } from "../money/decimal";

const KEY = "refund_step_up_above";
export const DEFAULT_STEP_UP_ABOVE = "0";

export async function stepUpThreshold(db: Db): Promise<string> {
  const [row] = await db.select().from(appState).where(eq(appState.key, KEY)).limit(1);
  const value = (row?.value as { above?: unknown } | undefined)?.above;
  return typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? value : DEFAULT_STEP_UP_ABOVE;
}

export async function setStepUpThreshold(db: Db, above: string): Promise<void> {
  await db
    .insert(appState)
    .values({ key: KEY, value: { above } })
    .onConflictDoUpdate({ target: appState.key, set: { value: { above }, updatedAt: new Date() } });
}

/** Does a refund of a checkout of this amount ask for a fresh code? */
export function stepUpNeeded(checkoutAmount: string, above: string): boolean {
  return money(checkoutAmount).gt(money(above));
}
