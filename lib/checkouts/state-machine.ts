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

/** The states of a checkout paid in full, on time or late (for queries: `inArray(checkouts.state, SETTLED_STATES)`). */
export const SETTLED_STATES = ["paid", "paid_late"] as const satisfies readonly CheckoutState[];

/** The customer has paid in full (on time or late). Takes a state as the wire carries it, too (the payment page's components). */
export function isSettled(state: CheckoutState | (string & {})): boolean {
  return (SETTLED_STATES as readonly string[]).includes(state);
}

/** A refund can be sent (or offered as a claim): the customer paid in full, on time or late. */
export function canRefund(state: CheckoutState): boolean {
  return isSettled(state);
}

/** The merchant can expire it by hand: it is still waiting for the customer's money. */
export function canExpire(state: CheckoutState): boolean {
  return isPayable(state);
}

/** The merchant can complete it with a deposit Bitfinex did not match: it is not paid in full yet. */
export function canComplete(state: CheckoutState): boolean {
  return !isSettled(state);
}
