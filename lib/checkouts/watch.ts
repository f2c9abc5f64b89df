/**
 * A customer looking at the payment page wants to see their payment soon, and Bitfinex only
 * sends its webhook for completed invoices. When a checkout with an invoice is being polled, its
 * next reconciler check is brought forward to a few seconds away. This costs no Bitfinex call
 * (the reconciler's budget is unchanged) and at most one database write per checkout per 10 s.
 * An expired checkout still on screen is watched too for its first hour: a customer who paid at
 * the last second learns it arrived (paid_late) without waiting for the 5-minute late check.
 */
import type { CheckoutDeps } from "./deps";
import { bringCheckForward } from "./repository";
import type { StatusRow } from "./merchant-view";
import { isFinal } from "./state-machine";

const SOON_MS = 3_000;
const PER_CHECKOUT_MS = 10_000;
const EXPIRED_WATCH_MS = 60 * 60_000;
const lastBump = new Map<string, number>();

export async function noteWatched(
  deps: CheckoutDeps,
  row: Pick<StatusRow, "id" | "state" | "payCurrency" | "nextCheckAt" | "expiresAt">,
): Promise<void> {
  if (!row.payCurrency || isFinal(row.state) || !row.nextCheckAt) return;
  const now = deps.now();
  if (row.state === "expired" && now - row.expiresAt.getTime() > EXPIRED_WATCH_MS) return;
  if (row.nextCheckAt.getTime() - now <= SOON_MS * 2) return;
  if (now - (lastBump.get(row.id) ?? 0) < PER_CHECKOUT_MS) return;
  lastBump.set(row.id, now);
  if (lastBump.size > 50_000) lastBump.clear();
  // If the row's check was due even sooner it stays as it was: deciding on `soon` is the same.
  await bringCheckForward(deps.db, row.id, new Date(now + SOON_MS));
}
