import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHECKOUT_STATES, advance, canMove, isFinal, isPayable, isSettled, type CheckoutState } from "./state-machine";

// The moves a payment product must allow, written out independently of the implementation's table.
const EXPECTED = new Set([
  "awaiting_payment>confirming",
  "awaiting_payment>underpaid",
  "awaiting_payment>paid",
  "awaiting_payment>expired",
  "underpaid>confirming",
  "underpaid>paid",
  "underpaid>expired",
  "confirming>paid",
  "confirming>underpaid",
  "expired>paid_late",
]);

describe("checkout state machine", () => {
  it("allows exactly the expected moves, checked over every pair of states", () => {
    for (const from of CHECKOUT_STATES) {
      for (const to of CHECKOUT_STATES) {
        assert.equal(canMove(from, to), EXPECTED.has(`${from}>${to}`), `${from} -> ${to}`);
        assert.equal(advance(from, to), EXPECTED.has(`${from}>${to}`) ? to : from, `advance ${from} -> ${to}`);
      }
    }
  });

  it("never un-pays a paid checkout, whatever arrives later", () => {
    for (const settled of ["paid", "paid_late"] as CheckoutState[]) {
      for (const late of CHECKOUT_STATES) assert.equal(advance(settled, late), settled);
      assert.ok(isFinal(settled));
      assert.ok(isSettled(settled));
    }
  });

  it("is idempotent: the same update twice changes nothing the second time", () => {
    for (const from of CHECKOUT_STATES) {
      for (const to of CHECKOUT_STATES) {
        const once = advance(from, to);
        assert.equal(advance(once, to), once);
      }
    }
  });

  it("gives the same end state for updates applied in any order when one of them is paid", () => {
    const updates: CheckoutState[] = ["confirming", "underpaid", "paid", "expired"];
    const permutations = (xs: CheckoutState[]): CheckoutState[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of permutations(updates)) {
      const end = order.reduce(advance, "awaiting_payment" as CheckoutState);
      // Paid before expiry wins; an expiry that came first can only be followed by a late payment.
      assert.ok(end === "paid" || end === "expired", `${order.join(",")} ended ${end}`);
      if (order.indexOf("paid") < order.indexOf("expired")) assert.equal(end, "paid");
    }
  });

  it("a payment seen before the deadline is not expired by confirmations that finish late", () => {
    assert.equal(advance("confirming", "expired"), "confirming");
    assert.equal(advance(advance("confirming", "expired"), "paid"), "paid");
  });

  it("shows the QR only while money is still expected", () => {
    assert.deepEqual(CHECKOUT_STATES.filter(isPayable), ["awaiting_payment", "underpaid"]);
  });
});
