/**
 * Which part of the Bitfinex request budget a call draws on. Calls made while a visitor-made
 * checkout (payment link, signed link, "Start again") starts its payment run in the "visitor" lane
 * and may use at most VISITOR_SHARE of each endpoint family's budget, so a flood of such checkouts
 * can never take the slots that merchant API checkouts and the reconciler need. The lane follows
 * the call through awaits (AsyncLocalStorage), so the Bitfinex operations need no extra argument.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type BudgetLane = "visitor";

/** Two thirds: 60 of Pay's 90 calls a minute, 6 of the 10 Lightning invoices; the rest stays for the API and the reconciler. */
export const VISITOR_SHARE = 2 / 3;

const lane = new AsyncLocalStorage<BudgetLane>();

/** Runs `fn` with its Bitfinex calls counted in the visitor lane. */
export function onVisitorBudget<T>(fn: () => Promise<T>): Promise<T> {
  return lane.run("visitor", fn);
}

export function currentLane(): BudgetLane | null {
  return lane.getStore() ?? null;
}
