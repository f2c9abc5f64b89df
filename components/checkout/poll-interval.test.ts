import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pollInterval } from "./poll-interval";

describe("how often the payment page polls", () => {
  it("every 2 s while the customer is paying, slower while confirming, hidden or expired", () => {
    assert.equal(pollInterval({ state: "awaiting_payment", final: false }, false), 2_000);
    assert.equal(pollInterval({ state: "underpaid", final: false }, false), 2_000);
    assert.equal(pollInterval({ state: "confirming", final: false }, false), 5_000);
    assert.equal(pollInterval({ state: "expired", final: false }, false), 10_000);
    assert.equal(pollInterval({ state: "awaiting_payment", final: false }, true), 15_000);
  });

  it("stops at a final state", () => {
    assert.equal(pollInterval({ state: "paid", final: true }, false), 0);
    assert.equal(pollInterval({ state: "paid_late", final: true }, true), 0);
    assert.equal(pollInterval(undefined, false), 0);
  });
});
