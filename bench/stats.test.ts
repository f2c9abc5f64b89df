import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { percentile, relativeChange, round, summarize } from "./stats";

describe("bench stats", () => {
  it("takes percentiles by nearest rank", () => {
    const s = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(s, 50), 5);
    assert.equal(percentile(s, 95), 10);
    assert.equal(percentile(s, 90), 9);
    assert.equal(percentile(s, 0), 1);
    assert.equal(percentile(s, 100), 10);
    assert.equal(percentile([42], 99), 42);
  });

  it("p95 of 20 samples is the 19th smallest", () => {
    const s = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.equal(percentile(s, 95), 19);
  });

  it("refuses empty input and bad ranks", () => {
    assert.throws(() => percentile([], 50));
    assert.throws(() => percentile([1], 101));
    assert.throws(() => percentile([1], Number.NaN));
  });

  it("summarizes without changing the input", () => {
    const s = [3, 1, 2];
    assert.deepEqual(summarize(s), { n: 3, min: 1, p50: 2, p95: 3, p99: 3, max: 3 });
    assert.deepEqual(s, [3, 1, 2]);
  });

  it("rounds and compares", () => {
    assert.equal(round(1.26), 1.3);
    assert.equal(round(1.234, 2), 1.23);
    assert.equal(relativeChange(100, 115), 0.15);
    assert.throws(() => relativeChange(0, 1));
  });
});
