/**
 * Webhook hints are never lost to coalescing: a hint within the gap after a re-fetch (or during
 * one) schedules one trailing re-fetch, however many hints arrive, so a stream of forged hints for
 * a real invoice id cannot hide the real change until the reconciler comes round.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findCheckout } from "../checkouts/repository";
import { startPayment } from "../checkouts/start-payment";
import { openDatabase } from "../db/connect";
import { startEngine, type Engine } from "../../test/support/checkout-harness";
import { HintHandler, MIN_GAP_MS } from "./bitfinex-webhook";

describe("webhook hints inside the coalescing gap", () => {
  let engine: Engine;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
  });
  after(() => engine.close());

  it("forged hints, then the real payment within the gap: one trailing re-fetch reads it", async () => {
    const { checkout } = await engine.checkout();
    const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
    const id = invoice!.upstreamId!;
    // The gap's wait is ours to end (no real 2 s sleep); the waits asked for are recorded.
    const waits: number[] = [];
    let release = () => {};
    const hints = new HintHandler(engine.deps, (ms) => {
      waits.push(ms);
      return new Promise<void>((r) => (release = r));
    });
    const fetchesBefore = engine.calls("ext/pay/invoice");
    assert.equal(await hints.handle({ id, status: "COMPLETED" }), "refreshed"); // forged: still unpaid
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "awaiting_payment");
    // The customer pays; Bitfinex's own hint is lost among forged ones, all inside the gap.
    await engine.harness.control("webhooks/drop", { count: 1 });
    await engine.harness.control(`invoices/${id}/pay`, {});
    for (let i = 0; i < 5; i++) assert.equal(await hints.handle({ id, status: "COMPLETED" }), "coalesced");
    assert.equal(waits.length, 1, "one trailing re-fetch scheduled, not five");
    assert.ok(waits[0]! > 0 && waits[0]! <= MIN_GAP_MS);
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "awaiting_payment", "not yet re-fetched");
    release();
    await hints.idle();
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "paid");
    assert.equal(
      engine.calls("ext/pay/invoice") - fetchesBefore,
      2,
      "two re-fetches in all: the first and the trailing one",
    );
  });
});
