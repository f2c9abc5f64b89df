/**
 * From what Bitfinex says to state changes, for every state × every kind of observation × before
 * and after the deadline: settled checkouts never change, nothing goes backwards, a late payment
 * is paid_late, and expiry needs the deadline to have passed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextCheckAt, planSteps, type Observation, type ObservationKind } from "./observation";
import { canMove, CHECKOUT_STATES, isSettled, type CheckoutState } from "./state-machine";

const KINDS: ObservationKind[] = ["open", "partial", "detected", "full", "expired"];
const obs = (kind: ObservationKind): Observation => ({
  kind,
  payCurrency: "BTC",
  amountDue: "1",
  amountPaid: "0",
  confirmations: 0,
  requiredConfirmations: 2,
  upstreamStatus: "X",
  payments: [],
});
const DEADLINE = 1_000_000;

describe("planSteps", () => {
  for (const state of CHECKOUT_STATES) {
    for (const kind of KINDS) {
      for (const pastDue of [false, true]) {
        it(`${state} + ${kind}, ${pastDue ? "after" : "before"} the deadline`, () => {
          const steps = planSteps(state, obs(kind), pastDue ? DEADLINE : DEADLINE - 1, DEADLINE);
          // Every step is an allowed move from the one before.
          let at: CheckoutState = state;
          for (const step of steps) {
            assert.ok(canMove(at, step), `${at} -> ${step}`);
            at = step;
          }
          if (isSettled(state)) assert.deepEqual(steps, [], "a settled checkout never changes");
          if (kind === "full" && !isSettled(state) && state !== "confirming")
            assert.equal(at, state === "expired" ? "paid_late" : "paid");
          if (kind === "full" && state === "confirming") assert.equal(at, "paid");
          if (steps.includes("expired")) assert.ok(pastDue, "expiry only after the deadline");
          if (!pastDue && (kind === "open" || kind === "expired")) assert.deepEqual(steps, []);
          if (
            pastDue &&
            (state === "awaiting_payment" || state === "underpaid") &&
            kind !== "full" &&
            kind !== "detected"
          )
            assert.equal(at, "expired");
          if (kind === "detected" && (state === "awaiting_payment" || state === "underpaid"))
            assert.equal(at, "confirming", "a payment seen in time is never expired");
        });
      }
    }
  }
});

describe("nextCheckAt", () => {
  const now = 500_000;
  it("stops asking about settled checkouts", () => {
    assert.equal(nextCheckAt("paid", now, DEADLINE), null);
    assert.equal(nextCheckAt("paid_late", now, DEADLINE), null);
  });
  it("asks just after the deadline when that comes before the usual 30 s", () => {
    assert.equal(nextCheckAt("awaiting_payment", DEADLINE - 10_000, DEADLINE), DEADLINE + 2000);
    assert.equal(nextCheckAt("awaiting_payment", now, DEADLINE), now + 30_000);
    assert.equal(nextCheckAt("confirming", now, DEADLINE), now + 15_000);
  });
  it("watches an expired checkout for a late payment for a day, then stops", () => {
    assert.equal(nextCheckAt("expired", DEADLINE + 1000, DEADLINE), DEADLINE + 1000 + 300_000);
    assert.equal(nextCheckAt("expired", DEADLINE + 25 * 3600_000, DEADLINE), null);
  });
});
