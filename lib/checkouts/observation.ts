/**
 * What Bitfinex says about a checkout's invoice, reduced to what decides its state, and the pure
 * rules that turn such an observation into state changes and the next time to ask again.
 */
import type { PayPayment } from "../bitfinex/types";
import type { CheckoutState } from "./state-machine";
import { canMove, isPayable } from "./state-machine";

export type ObservationKind =
  /** Nothing paid yet. */
  | "open"
  /** Paid in part (confirmed or not). */
  | "partial"
  /** Paid in full, waiting for confirmations. */
  | "detected"
  /** Paid in full and final. */
  | "full"
  /** Bitfinex expired the invoice without a full payment. */
  | "expired";

/**
 * One payment as Bitfinex reported it, kept on the checkout so the merchant (API, webhooks,
 * dashboard, CSV) sees what arrived without asking Bitfinex again.
 */
export type RecordedPayment = Omit<PayPayment, "confirmations"> & {
  /** Our pay-currency symbol of the invoice entry it paid; null when it matched none. */
  payCurrency: string | null;
  /** Null where the rail has none (a settled Lightning payment). */
  confirmations: number | null;
};

export interface Observation {
  kind: ObservationKind;
  /** The pay currency the customer used (or chose), when known. */
  payCurrency: string | null;
  amountDue: string | null;
  amountPaid: string | null;
  confirmations: number | null;
  requiredConfirmations: number | null;
  /** Bitfinex's own status word, kept for the invoice row. */
  upstreamStatus: string;
  /** Every payment Bitfinex reports on the invoice, in its order (the first is `payment`). */
  payments: RecordedPayment[];
}

/**
 * The states a checkout passes through on an observation made at `now`. A checkout expires only
 * after an upstream check made past its deadline found no full payment, so a payment the
 * reconciler sees late but that was made in time still counts as on time.
 */
export function planSteps(current: CheckoutState, obs: Observation, now: number, expiresAt: number): CheckoutState[] {
  const pastDue = now >= expiresAt;
  const steps: CheckoutState[] = [];
  let state = current;
  const go = (to: CheckoutState) => {
    if (canMove(state, to)) {
      steps.push(to);
      state = to;
    }
  };
  switch (obs.kind) {
    case "full":
      go(state === "expired" ? "paid_late" : "paid");
      break;
    case "detected":
      go("confirming");
      break;
    case "partial":
      go("underpaid");
      break;
    case "expired":
    case "open":
      break;
  }
  // Nothing (or not enough) arrived by the deadline: the checkout expires.
  if (pastDue && isPayable(state)) go("expired");
  return steps;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** How long an expired checkout is still watched for a payment that arrives late. */
export const LATE_PAYMENT_WATCH_MS = 24 * 60 * MINUTE;

/** When the reconciler should next ask about a checkout that has an upstream invoice; null: never. */
export function nextCheckAt(state: CheckoutState, now: number, expiresAt: number): number | null {
  switch (state) {
    case "paid":
    case "paid_late":
      return null;
    case "expired":
      return now < expiresAt + LATE_PAYMENT_WATCH_MS ? now + 5 * MINUTE : null;
    case "confirming":
      return now + 15 * SECOND;
    case "awaiting_payment":
    case "underpaid":
      // Ask again soon, and in any case just after the deadline, for the final word.
      return Math.max(now + SECOND, Math.min(now + 30 * SECOND, expiresAt + 2 * SECOND));
  }
}
