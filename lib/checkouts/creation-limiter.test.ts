import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../http/api-error";
import { CreationLimiter } from "./creation-limiter";

test("a client may make perClient checkouts in the window, then gets a 429 with the wait", () => {
  let now = 1_000_000;
  const limiter = new CreationLimiter({ perClient: 3, total: 100, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 3; i++) limiter.take("1.2.3.4");
  assert.throws(() => limiter.take("1.2.3.4"), (err: unknown) => err instanceof ApiError && err.status === 429 && err.code === "rate_limited");
  assert.equal(limiter.retryAfterSeconds("1.2.3.4"), 60);
  assert.equal(limiter.retryAfterSeconds("5.6.7.8"), 0, "another client is not held back");
  now += 60_001;
  assert.equal(limiter.retryAfterSeconds("1.2.3.4"), 0, "the window slides");
  limiter.take("1.2.3.4");
});

test("the total ceiling holds however many addresses the requests claim", () => {
  const limiter = new CreationLimiter({ perClient: 3, total: 10, windowMs: 60_000 }, () => 0);
  for (let i = 0; i < 10; i++) limiter.take(`10.0.0.${i}`);
  assert.throws(() => limiter.take("10.0.1.1"), (err: unknown) => err instanceof ApiError && err.status === 429);
  try {
    limiter.take("10.0.1.2");
  } catch (err) {
    assert.ok(err instanceof ApiError);
    assert.equal(err.extra.retryAfterSeconds, 60);
    assert.match(err.message, /try again in 1 minute\./);
  }
});

test("a refused attempt does not count", () => {
  const limiter = new CreationLimiter({ perClient: 1, total: 100, windowMs: 60_000 }, () => 0);
  limiter.take("a");
  for (let i = 0; i < 5; i++) assert.throws(() => limiter.take("a"));
  assert.equal(limiter.retryAfterSeconds("b"), 0);
});
