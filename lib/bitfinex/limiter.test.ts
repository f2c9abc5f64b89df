import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { currentLane, onVisitorBudget } from "./budget-lane";
import { BitfinexError } from "./errors";
import { FamilyLimiter } from "./limiter";
import { FAMILY_LIMITS } from "./rate-limits";
import { rejection } from "../../test/support/bitfinex-errors";

/** A fake clock and a sleep that advances it, recording every wait. */
function fakeTime(start = 1_700_000_000_000) {
  const state = { now: start, sleeps: [] as number[] };
  const now = () => state.now;
  const sleep = async (ms: number) => {
    state.sleeps.push(ms);
    state.now += ms;
  };
  return { state, now, sleep };
}

const SMALL = { ...FAMILY_LIMITS, deposit_address: { requests: 3, perMs: 60_000 } };

describe("FamilyLimiter", () => {
  it("uses Bitfinex's documented budgets (Pay 90/min, deposit address 10/min)", () => {
    assert.deepEqual(FAMILY_LIMITS.pay, { requests: 90, perMs: 60_000 });
    assert.deepEqual(FAMILY_LIMITS.deposit_address, { requests: 10, perMs: 60_000 });
  });

  it("allows exactly the family's limit within 60 s without waiting, then refuses", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    for (let i = 0; i < 10; i++) {
      await limiter.acquire("deposit_address", "/v2/auth/w/deposit/address", 0);
      t.state.now += 1_000; // ten requests spread over 10 s
    }
    assert.deepEqual(t.state.sleeps, []);
    const err = await rejection(limiter.acquire("deposit_address", "/v2/auth/w/deposit/address", 0));
    assert.equal(err.kind, "rate_limited");
    assert.equal(err.endpoint, "/v2/auth/w/deposit/address");
    // The oldest request (at +0 s) leaves the window at +60 s; it is now +10 s.
    assert.equal(err.retryAfterMs, 50_000);
    assert.deepEqual(t.state.sleeps, []);
  });

  it("frees a slot once the oldest request is 60 s old", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(SMALL, t.now, t.sleep);
    for (let i = 0; i < 3; i++) await limiter.acquire("deposit_address", "/x", 0);
    assert.equal(limiter.waitTime("deposit_address"), 60_000);
    t.state.now += 59_999;
    assert.equal(limiter.waitTime("deposit_address"), 1);
    t.state.now += 1;
    assert.equal(limiter.waitTime("deposit_address"), 0);
    await limiter.acquire("deposit_address", "/x", 0);
    assert.deepEqual(t.state.sleeps, []);
  });

  it("waits (sleep called with the exact ms) when the wait is within maxWaitMs", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(SMALL, t.now, t.sleep);
    for (let i = 0; i < 3; i++) {
      await limiter.acquire("deposit_address", "/x", 0); // at +0 s, +1 s, +2 s
      t.state.now += 1_000;
    }
    t.state.now += 55_000; // now +58 s: 2 s until the first slot frees
    const before = t.state.now;
    await limiter.acquire("deposit_address", "/x", 3_000);
    assert.deepEqual(t.state.sleeps, [2_000]);
    assert.equal(t.state.now, before + 2_000);
    // The +0 s request left the window; +1 s, +2 s and this one remain.
    assert.equal(limiter.usage().deposit_address!.used, 3);
  });

  it("throws rate_limited at once when the wait is above maxWaitMs", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(SMALL, t.now, t.sleep);
    for (let i = 0; i < 3; i++) await limiter.acquire("deposit_address", "/x", 0);
    t.state.now += 50_000; // 10 s to wait
    const err = await rejection(limiter.acquire("deposit_address", "/x", 3_000));
    assert.equal(err.kind, "rate_limited");
    assert.equal(err.retryAfterMs, 10_000);
    assert.deepEqual(t.state.sleeps, []);
    assert.equal(limiter.usage().deposit_address!.used, 3, "a refused request takes no slot");
  });

  it("a wait of exactly maxWaitMs is waited; one ms more is refused", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(SMALL, t.now, t.sleep);
    for (let i = 0; i < 3; i++) await limiter.acquire("deposit_address", "/x", 0);
    t.state.now += 57_000; // 3 s to wait
    await assert.rejects(
      limiter.acquire("deposit_address", "/x", 2_999),
      (e: unknown) => e instanceof BitfinexError && e.kind === "rate_limited",
    );
    await limiter.acquire("deposit_address", "/x", 3_000);
    assert.deepEqual(t.state.sleeps, [3_000]);
  });

  it("the total wait across several slots never exceeds maxWaitMs", async () => {
    const t = fakeTime();
    const limits = { ...FAMILY_LIMITS, deposit_address: { requests: 2, perMs: 60_000 } };
    const sleeps: number[] = [];
    // While the caller sleeps, another caller takes the slot it was waiting for.
    const limiter: FamilyLimiter = new FamilyLimiter(limits, t.now, async (ms) => {
      sleeps.push(ms);
      await t.sleep(ms);
      if (sleeps.length === 1) await limiter.acquire("deposit_address", "/other", 0);
    });
    await limiter.acquire("deposit_address", "/x", 0); // +0 s
    t.state.now += 1_500;
    await limiter.acquire("deposit_address", "/x", 0); // +1.5 s
    t.state.now += 56_500; // +58 s: 2 s until the first slot frees
    // After 2 s the next slot is 1.5 s away, but only 1 s of the 3 s budget is left.
    const err = await rejection(limiter.acquire("deposit_address", "/x", 3_000));
    assert.equal(err.kind, "rate_limited");
    assert.deepEqual(sleeps, [2_000]);
  });

  it("a 429 (pause) holds back every family, authenticated and public, for 60 s, even when Retry-After says less", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    await limiter.pause(5_000);
    for (const family of Object.keys(FAMILY_LIMITS) as Array<keyof typeof FAMILY_LIMITS>) {
      const err = await rejection(limiter.acquire(family, `/${family}`, 3_000));
      assert.equal(err.kind, "rate_limited", family);
      assert.equal(err.retryAfterMs, 60_000, family);
    }
    t.state.now += 59_999;
    await assert.rejects(limiter.acquire("public", "/z", 0));
    t.state.now += 1;
    await limiter.acquire("public", "/z", 0);
    await limiter.acquire("pay", "/p", 0);
    assert.deepEqual(t.state.sleeps, []);
  });

  it("a shorter pause does not shorten a longer one", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    await limiter.pause(90_000);
    await limiter.pause(1_000);
    assert.equal(limiter.waitTime("pay"), 90_000);
  });

  it("platform status has its documented 30 a minute", async () => {
    assert.deepEqual(FAMILY_LIMITS.platform_status, { requests: 30, perMs: 60_000 });
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    for (let i = 0; i < 30; i++) await limiter.acquire("platform_status", "/v2/platform/status", 0);
    await assert.rejects(limiter.acquire("platform_status", "/v2/platform/status", 0));
    await limiter.acquire("public", "/v2/ticker/tBTCUSD", 0);
  });

  it("families' budgets are independent (without a 429)", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(SMALL, t.now, t.sleep);
    for (let i = 0; i < 3; i++) await limiter.acquire("deposit_address", "/x", 0);
    await assert.rejects(
      limiter.acquire("deposit_address", "/x", 0),
      (e: unknown) => e instanceof BitfinexError && e.kind === "rate_limited",
    );
    // The exhausted family does not affect the others.
    await limiter.acquire("deposit_invoice", "/y", 0);
    await limiter.acquire("public", "/z", 0);
    await limiter.acquire("account", "/a", 0);
    assert.deepEqual(t.state.sleeps, []);
    const usage = limiter.usage();
    assert.equal(usage.deposit_address!.used, 3);
    assert.equal(usage.deposit_invoice!.used, 1);
    assert.equal(usage.pay!.used, 0);
  });
});

describe("the visitor lane", () => {
  it("visitor-made calls use at most two thirds of a family; the rest stays for the API and the reconciler", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    // Lightning invoices: 10 a minute, 6 of them for visitors.
    for (let i = 0; i < 6; i++) await limiter.acquire("deposit_invoice", "/x", 0, "visitor");
    await assert.rejects(
      limiter.acquire("deposit_invoice", "/x", 0, "visitor"),
      (e: unknown) => e instanceof BitfinexError && e.kind === "rate_limited" && e.retryAfterMs === 60_000,
    );
    for (let i = 0; i < 4; i++) await limiter.acquire("deposit_invoice", "/x", 0);
    await assert.rejects(
      limiter.acquire("deposit_invoice", "/x", 0),
      (e: unknown) => e instanceof BitfinexError && e.kind === "rate_limited",
    );
    // Pay: 60 of 90 for visitors.
    for (let i = 0; i < 60; i++) await limiter.acquire("pay", "/x", 0, "visitor");
    await assert.rejects(limiter.acquire("pay", "/x", 0, "visitor"));
    await limiter.acquire("pay", "/x", 0);
    assert.equal(limiter.usage().pay!.used, 61);
    // The visitor slice frees with its window.
    t.state.now += 60_001;
    await limiter.acquire("pay", "/x", 0, "visitor");
  });

  it("visitor calls also count in the family's total", async () => {
    const t = fakeTime();
    const limiter = new FamilyLimiter(FAMILY_LIMITS, t.now, t.sleep);
    for (let i = 0; i < 90; i++) await limiter.acquire("pay", "/x", 0);
    await assert.rejects(limiter.acquire("pay", "/x", 0, "visitor"));
  });
});

describe("onVisitorBudget", () => {
  it("marks the calls made inside it, through awaits and timers, and nothing outside", async () => {
    assert.equal(currentLane(), null);
    const seen = await onVisitorBudget(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentLane();
    });
    assert.equal(seen, "visitor");
    assert.equal(currentLane(), null);
  });
});
