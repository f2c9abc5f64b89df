/**
 * The states of a checkout and the only moves between them. Updates arrive late, twice and out
 * of order (a webhook hint, the reconciler, a customer's reload); applying them through
 * `advance` makes every update idempotent and means nothing can move a checkout backwards:
 * once paid, always paid.
 */

export const CHECKOUT_STATES = ["awaiting_payment", "confirming", "underpaid", "paid", "expired", "paid_late"] as const;
export type CheckoutState = (typeof CHECKOUT_STATES)[number];

/**
 * Allowed moves. `confirming` does not expire: a payment seen before the deadline counts as on
 * time even if its confirmations finish later. An underpaid checkout can still be completed, or
 * expire with its part payment; a payment arriving after expiry makes it `paid_late`.
 */
const MOVES: Record<CheckoutState, readonly CheckoutState[]> = {
  awaiting_payment: ["confirming", "underpaid", "paid", "expired"],
  underpaid: ["confirming", "paid", "expired"],
  confirming: ["paid", "underpaid"],
  expired: ["paid_late"],
  paid: [],
  paid_late: [],
};

export function canMove(from: CheckoutState, to: CheckoutState): boolean {
  return MOVES[from].includes(to);
}

/** The state after an update that says `to`: `to` when the move is allowed, otherwise `from` unchanged. */
export function advance(from: CheckoutState, to: CheckoutState): CheckoutState {
  return canMove(from, to) ? to : from;
}

/** No further change is possible. */
export function isFinal(state: CheckoutState): boolean {
  return MOVES[state].length === 0;
}

/** Still waiting for the customer's money (the payment page shows the QR). */
export function isPayable(state: CheckoutState): boolean {
  return state === "awaiting_payment" || state === "underpaid";
}

/** The customer has paid in full (on time or late). */
export function isSettled(state: CheckoutState): boolean {
  return state === "paid" || state === "paid_late";
}
