/**
 * The retry schedule: quick retries first, then every 8 hours, about 18 attempts over 3 days
 * from the first attempt, never one after 72 hours, with jitter of at most ±10 %.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RETRY_DELAYS_MS, RETRY_WINDOW_MS, nextAttemptAt, retryDelayMs } from "./schedule";

const noJitter = () => 0.5;
const MIN = 60_000;
const HOUR = 60 * MIN;

/** The times (ms after the first) of every attempt an always-failing event gets. */
function attemptTimes(random: () => number): number[] {
  const times = [0];
  for (let failed = 1; failed < 100; failed++) {
    const next = nextAttemptAt(failed, 0, times.at(-1)!, random);
    if (next === null) return times;
    times.push(next);
  }
  throw new Error("the schedule never gives up");
}

describe("retry schedule", () => {
  it("waits 30s, 1m, 2m, 5m, 15m, 30m, 1h, 2h, 4h, 8h, then 8h each time", () => {
    const waits = Array.from({ length: 13 }, (_, i) => retryDelayMs(i + 1, noJitter));
    assert.deepEqual(waits, [
      0.5 * MIN,
      MIN,
      2 * MIN,
      5 * MIN,
      15 * MIN,
      30 * MIN,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      8 * HOUR,
      8 * HOUR,
      8 * HOUR,
      8 * HOUR,
    ]);
    assert.equal(RETRY_DELAYS_MS.length, 10);
  });

  it("gives up after about 3 days: 18 attempts, the last within 72 h of the first", () => {
    const times = attemptTimes(noJitter);
    assert.equal(times.length, 18);
    assert.ok(times.at(-1)! <= RETRY_WINDOW_MS);
    assert.ok(times.at(-1)! > 64 * HOUR, `last attempt at ${times.at(-1)! / HOUR} h`);
    assert.equal(
      times[10],
      (30 + 60 + 120 + 300 + 900 + 1800 + 3600 + 7200 + 14400 + 28800) * 1000,
      "the 11th attempt after the first 8-hour wait",
    );
  });

  it("jitter moves each wait by at most 10 %, and any jitter still ends within the window", () => {
    for (const random of [() => 0, () => 0.999999, Math.random]) {
      for (let failed = 1; failed <= 12; failed++) {
        const base = RETRY_DELAYS_MS[Math.min(failed, 10) - 1]!;
        const wait = retryDelayMs(failed, random);
        assert.ok(wait >= base * 0.9 - 1 && wait <= base * 1.1 + 1, `${failed}: ${wait} vs ${base}`);
      }
      const times = attemptTimes(random);
      assert.ok(times.length >= 17 && times.length <= 19, `${times.length} attempts`);
      assert.ok(times.at(-1)! <= RETRY_WINDOW_MS);
    }
  });

  it("counts the window from the run's first attempt, not from now", () => {
    assert.equal(nextAttemptAt(1, 0, 1000, noJitter), 31_000);
    assert.equal(nextAttemptAt(12, 0, RETRY_WINDOW_MS - HOUR, noJitter), null);
    assert.equal(nextAttemptAt(12, 10 * HOUR, RETRY_WINDOW_MS - HOUR, noJitter), RETRY_WINDOW_MS + 7 * HOUR);
  });
});
