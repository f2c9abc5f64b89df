import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { freshPostgres } from "../../test/support/checkout-harness";
import { postgresTests } from "../../test/support/postgres-tests";
import type { DbHandle } from "../db/connect";
import { RateLimit, type LimitStore } from "./rate-limit";

const rule = (name: string, points = 3, durationSeconds = 60) => ({
  name: `${name}-${Math.random().toString(36).slice(2)}`,
  points,
  durationSeconds,
});

describe("RateLimit in memory", () => {
  const store: LimitStore = { kind: "memory" };

  it("allows `points` per key in the window, then says how long to wait; other keys are untouched", async () => {
    const limit = await RateLimit.create(store, rule("mem", 3, 60));
    for (let i = 0; i < 3; i++) assert.equal(await limit.take("a"), 0);
    const wait = await limit.take("a");
    assert.ok(wait > 55 && wait <= 60, String(wait));
    assert.ok((await limit.waitFor("a")) > 0);
    assert.equal(await limit.waitFor("b"), 0);
    assert.equal(await limit.take("b"), 0);
  });

  it("a window ends", async (t) => {
    // The test's clock: the second passes when the test says so.
    t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: Date.now() });
    const limit = await RateLimit.create(store, rule("short", 1, 1));
    assert.equal(await limit.take("a"), 0);
    assert.ok((await limit.take("a")) > 0);
    t.mock.timers.tick(999);
    assert.ok((await limit.take("a")) > 0, "still within the window");
    t.mock.timers.tick(1);
    assert.equal(await limit.take("a"), 0);
  });

  it("refuses a window the memory store could not keep (Node timers stop at 24.8 days)", async () => {
    await assert.rejects(RateLimit.create(store, rule("long", 1, 30 * 86_400)), /longer than 24 days/);
  });

  it("giveBack, hold and clear", async () => {
    const limit = await RateLimit.create(store, rule("ops", 1, 60));
    assert.equal(await limit.take("a"), 0);
    await limit.giveBack("a");
    assert.equal(await limit.take("a"), 0, "the point given back can be taken again");
    await limit.clear("a");
    assert.equal(await limit.count("a"), 0);
    await limit.hold("b", 30);
    const wait = await limit.waitFor("b");
    assert.ok(wait > 25 && wait <= 30, String(wait));
  });
});

// On PostgreSQL when TEST_DATABASE_URL is set (CI always sets it; skipped elsewhere), like test/support/checkout-harness.ts's dbTargets.
const postgres = postgresTests();
describe("RateLimit on PostgreSQL", () => {
  let handle: DbHandle | null = null;
  postgres.after(async () => handle?.close());

  postgres.it("two limiters on one database (two app instances) count against one limit", async () => {
    handle = await freshPostgres(postgres.url!);
    const store: LimitStore = { kind: "postgres", pool: handle.pool! };
    const shared = rule("pg", 4, 60);
    // Eight at once on a database without the table yet, as instances starting together would: the
    // table is created once whatever the race (PostgreSQL's IF NOT EXISTS is not race-safe).
    const [a, b] = (await Promise.all(Array.from({ length: 8 }, () => RateLimit.create(store, shared)))) as [
      RateLimit,
      RateLimit,
    ];
    assert.equal(await a.take("client"), 0);
    assert.equal(await b.take("client"), 0);
    assert.equal(await a.take("client"), 0);
    assert.equal(await b.take("client"), 0);
    assert.ok((await a.take("client")) > 0, "the fifth, wherever it lands, is over the limit");
    assert.ok((await b.waitFor("client")) > 0);
    assert.equal(await b.count("client"), 5);
  });
});
