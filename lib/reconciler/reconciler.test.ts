/**
 * The reconciler's promises: at most one Bitfinex call per tick whatever the number of open
 * checkouts (one list call covering many invoices), back-off while Bitfinex fails, and a single
 * active reconciler among instances sharing one PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { randomUUID } from "node:crypto";
import { startPayment } from "../checkouts/start-payment";
import { findCheckout } from "../checkouts/repository";
import { createTestDatabase, dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { postgresTests } from "../../test/support/postgres-tests";
import { checkoutInvoicesTable as checkoutInvoices, checkoutsTable as checkouts } from "../db/checkout-tables";
import { newId } from "../ids";
import { Reconciler, RECONCILER_LOCK } from "./reconciler";
import { openDatabase } from "../db/connect";
import { waitFor } from "../../test/support/sandbox-harness";

/** How each rail's seeded invoice looks: the currency chosen, and the fields its rows carry. */
const SEED = {
  pay: () => ({ payCurrency: "BTC", upstreamId: randomUUID(), paymentHash: null, amountBtc: null }),
  lightning: () => ({
    payCurrency: "LNX",
    upstreamId: randomUUID().replace(/-/g, ""),
    paymentHash: randomUUID().replace(/-/g, "").repeat(2),
    amountBtc: "0.0001",
  }),
};

/** Open checkouts with invoices Bitfinex has never heard of, all due for a check now. */
async function seedOpen(engine: Engine, rail: "pay" | "lightning", count: number) {
  const now = engine.deps.now();
  const rows = Array.from({ length: count }, () => ({
    id: newId("co"),
    orderId: "bulk",
    amount: "10",
    currency: "USD",
    payCurrencies: ["BTC", "LNX"],
    type: "POS" as const,
    durationSeconds: 900,
    expiresAt: new Date(now + 900_000),
    nextCheckAt: new Date(now - 1000),
    payCurrency: SEED[rail]().payCurrency,
  }));
  for (let i = 0; i < rows.length; i += 500) await engine.deps.db.insert(checkouts).values(rows.slice(i, i + 500));
  const invoices = rows.map((r) => ({
    checkoutId: r.id,
    rail,
    status: "open" as const,
    claimToken: "seed",
    claimedAt: new Date(now),
    upstreamId: SEED[rail]().upstreamId,
    paymentHash: SEED[rail]().paymentHash,
    amountBtc: SEED[rail]().amountBtc,
  }));
  for (let i = 0; i < invoices.length; i += 500)
    await engine.deps.db.insert(checkoutInvoices).values(invoices.slice(i, i + 500));
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`reconciler on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("makes at most one Bitfinex call per tick with 1,500 open checkouts, never a 429", async () => {
      await seedOpen(engine, "pay", 1000);
      await seedOpen(engine, "lightning", 500);
      const log = engine.harness.server.api.requestLog;
      const before = log.length;
      const kinds: string[] = [];
      for (let i = 0; i < 12; i++) {
        const report = await engine.reconciler.tick();
        kinds.push(`${report.call?.rail}:${report.call?.kind}`);
      }
      const calls = log.slice(before).filter((c) => c.apiPath.startsWith("v2/auth/"));
      assert.equal(calls.length, 12, "one authenticated call per tick");
      // Besides them, only the public method map, read once for hours.
      assert.ok(
        log
          .slice(before)
          .filter((c) => !c.apiPath.startsWith("v2/auth/"))
          .every((c) => c.apiPath === "v2/conf/pub:map:tx:method"),
      );
      assert.equal(calls.filter((c) => c.status === 429).length, 0);
      // Both rails get turns, and list calls come first (each covering up to 100 invoices).
      assert.ok(kinds.includes("pay:list") && kinds.includes("lightning:list"), kinds.join(" "));
    });

    it("a real payment among them is still found", async () => {
      const { checkout } = await engine.checkout();
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      await engine.harness.control("webhooks/drop", { count: 1 });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, {});
      engine.advance(31_000);
      for (let i = 0; i < 60 && (await findCheckout(engine.deps.db, checkout.id))!.state !== "paid"; i++)
        await engine.reconciler.tick();
      assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "paid");
    });

    it("backs off while Bitfinex answers 500 or 429, and recovers", async () => {
      const { checkout } = await engine.checkout();
      await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      engine.advance(60_000);
      const base = engine.reconciler.nextDelayMs();
      await engine.harness.control("faults", { mode: "http500", count: 50, pathPrefix: "v2/auth/r/" });
      await assert.rejects(engine.reconciler.tick());
      await assert.rejects(engine.reconciler.tick());
      assert.equal(engine.reconciler.nextDelayMs(), base * 4);
      assert.ok(engine.reconciler.lastError);
      await engine.harness.control("faults/clear", {});
      await engine.reconciler.tick();
      assert.equal(engine.reconciler.nextDelayMs(), base);
      assert.equal(engine.reconciler.lastError, null);
    });
  });
}

// Runs where a PostgreSQL server is available (CI starts one and sets TEST_DATABASE_URL); skipped elsewhere.
const postgres = postgresTests();
describe("one reconciler among instances on one PostgreSQL", () => {
  postgres.it("only the lock holder works; when it dies another takes over", async () => {
    const database = await createTestDatabase(postgres.url!);
    // Two instances: each its own pool on the same database.
    const first = await openDatabase({ url: database.url });
    const second = await openDatabase({ url: database.url });
    try {
      assert.equal(await first.holdsLock(RECONCILER_LOCK), true);
      assert.equal(await second.holdsLock(RECONCILER_LOCK), false);
      assert.equal(await first.holdsLock(RECONCILER_LOCK), true, "still held on the next tick");
      const idle = new Reconciler({ db: second.db } as never, {
        intervalMs: 1000,
        holdsLock: () => second.holdsLock(RECONCILER_LOCK),
      });
      assert.equal((await idle.tick()).leader, false);
      await first.close(); // the leader's process ends: PostgreSQL releases its session lock
      // The server ends the session (and the lock) a moment after the client has hung up.
      assert.equal(
        await waitFor(() => second.holdsLock(RECONCILER_LOCK), 5_000),
        true,
        "the other instance takes over",
      );
    } finally {
      await second.close();
      await database.drop();
    }
  });
});
