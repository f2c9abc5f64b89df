import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NonceSource } from "./nonce";

/** A clock that returns the given times in turn, then repeats the last. */
function scriptedClock(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

function assertStrictlyIncreasing(values: string[]) {
  for (let i = 1; i < values.length; i++) {
    assert.ok(BigInt(values[i]!) > BigInt(values[i - 1]!), `nonce ${i} (${values[i]}) is not above ${values[i - 1]}`);
  }
}

describe("NonceSource", () => {
  it("uses microseconds: the first nonce is now * 1000", () => {
    const nonces = new NonceSource(() => 1_700_000_000_123);
    assert.equal(nonces.next(), "1700000000123000");
  });

  it("emits plain decimal integer strings", () => {
    const nonces = new NonceSource(() => 1_700_000_000_000);
    for (let i = 0; i < 5; i++) assert.match(nonces.next(), /^[1-9]\d*$/);
  });

  it("is strictly increasing when the clock stands still", () => {
    const nonces = new NonceSource(() => 1_700_000_000_000);
    const values = Array.from({ length: 2000 }, () => nonces.next());
    assertStrictlyIncreasing(values);
    assert.equal(new Set(values).size, values.length);
  });

  it("is strictly increasing when the clock goes backwards", () => {
    const nonces = new NonceSource(
      scriptedClock([1_700_000_000_000, 1_699_999_990_000, 1_600_000_000_000, 1_700_000_000_000]),
    );
    const values = Array.from({ length: 6 }, () => nonces.next());
    assertStrictlyIncreasing(values);
  });

  it("follows the clock when it jumps forward", () => {
    const nonces = new NonceSource(
      scriptedClock([1_700_000_000_000, 1_700_000_000_000, 1_800_000_000_000, 1_800_000_000_001]),
    );
    const values = Array.from({ length: 4 }, () => nonces.next());
    assertStrictlyIncreasing(values);
    assert.equal(values[2], String(1_800_000_000_000 * 1000));
    assert.equal(values[3], String(1_800_000_000_001 * 1000));
  });

  it("after a backwards step it resumes the clock once the clock catches up", () => {
    const nonces = new NonceSource(scriptedClock([2_000, 1_000, 3_000]));
    assert.equal(nonces.next(), "2000000");
    assert.equal(nonces.next(), "2000001");
    assert.equal(nonces.next(), "3000000");
  });

  it("stays below Number.MAX_SAFE_INTEGER for today's date (and for decades to come)", () => {
    for (const now of [Date.now(), Date.UTC(2100, 0, 1)]) {
      const value = Number(new NonceSource(() => now).next());
      assert.ok(Number.isSafeInteger(value), `${value} is not a safe integer`);
      assert.ok(value < Number.MAX_SAFE_INTEGER);
    }
  });

  it("defaults to the real clock", () => {
    const before = Date.now() * 1000;
    const value = Number(new NonceSource().next());
    const after = Date.now() * 1000;
    assert.ok(value >= before && value <= after, `${value} not within [${before}, ${after}]`);
  });
});
