import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../errors/api-error";
import { CreationLimiter } from "./creation-limiter";

const memory = { kind: "memory" } as const;
let n = 0;
const limits = (perClient: number, total: number, durationSeconds = 60) => ({
  perClient: { name: `t-client-${++n}`, points: perClient, durationSeconds },
  total: { name: `t-total-${n}`, points: total, durationSeconds },
});
const isLimited = (err: unknown) => err instanceof ApiError && err.status === 429 && err.code === "rate_limited";

test("a client may make perClient checkouts in the window, then gets a 429 with the wait; another client is not held back", async () => {
  const limiter = await CreationLimiter.create(memory, limits(3, 100));
  for (let i = 0; i < 3; i++) await limiter.take("1.2.3.4");
  await assert.rejects(
    limiter.take("1.2.3.4"),
    (err: unknown) => isLimited(err) && (err as ApiError).extra.retryAfterSeconds === 60,
  );
  await limiter.take("5.6.7.8");
});

test("addresses inside one IPv6 /64 are one client; IPv4-mapped IPv6 is its IPv4 address", async () => {
  const limiter = await CreationLimiter.create(memory, limits(2, 100));
  await limiter.take("2001:db8:1:2::1");
  await limiter.take("2001:db8:1:2:ffff:ffff:ffff:ffff");
  await assert.rejects(limiter.take("2001:db8:1:2:abcd::9"), isLimited);
  await limiter.take("2001:db8:1:3::1"); // the next /64 is someone else
  await limiter.take("192.0.2.1");
  await limiter.take("::ffff:192.0.2.1");
  await assert.rejects(limiter.take("192.0.2.1"), isLimited);
});

test("the total ceiling holds however many addresses the requests claim, and lasts at most its window", async (t) => {
  // The test's clock: the window's second passes when the test says so.
  t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: Date.now() });
  const limiter = await CreationLimiter.create(memory, limits(3, 10, 1));
  for (let i = 0; i < 10; i++) await limiter.take(`10.0.0.${i}`);
  await assert.rejects(limiter.take("10.0.1.1"), (err: unknown) => {
    assert.ok(isLimited(err));
    assert.equal((err as ApiError).extra.retryAfterSeconds, 1);
    assert.match((err as ApiError).message, /try again in 1 minute\./);
    return true;
  });
  t.mock.timers.tick(1_000);
  await limiter.take("10.0.1.1");
});

test("a client refused by its own limit does not use up the total", async () => {
  const limiter = await CreationLimiter.create(memory, limits(1, 3));
  await limiter.take("a.flooder");
  for (let i = 0; i < 50; i++) await assert.rejects(limiter.take("a.flooder"), isLimited);
  await limiter.take("192.0.2.7");
  await limiter.take("192.0.2.8");
});

test("a client refused by the total keeps its own allowance", async () => {
  const limiter = await CreationLimiter.create(memory, limits(1, 1));
  await limiter.take("192.0.2.1");
  await assert.rejects(limiter.take("192.0.2.2"), isLimited);
  await assert.rejects(limiter.take("192.0.2.2"), isLimited, "still the total, not its own limit");
});
