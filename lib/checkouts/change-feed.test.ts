/**
 * The change feed hears every committed change of a checkout's status, whoever wrote it (even a
 * write that tells nobody), only once it commits, and only when the status changed; the status
 * cache follows it; on PostgreSQL another instance hears it too, and a lost listening connection
 * drops the cache and the streams until it listens again.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq, sql } from "drizzle-orm";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { openDatabase, type DbHandle } from "../db/connect";
import { ChangeFeed, type FeedEvent } from "./change-feed";
import { findCheckoutStatus } from "./status-read";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { createTestDatabase } from "../../test/support/test-database";
import { postgresTests } from "../../test/support/postgres-tests";

/** Resolves once `check` holds, trying again as the feed hears things; fails after 5 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`the change feed on ${dbName}`, () => {
    let engine: Engine;
    const feed = new ChangeFeed();
    before(async () => {
      engine = await startEngine(openDb);
      await feed.start(engine.handle);
      await until(() => feed.live, "the feed listens");
    });
    after(async () => {
      await feed.stop();
      await engine.close();
    });

    it("a write that tells nobody still reaches the next cached poll", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const first = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      assert.equal(first.amountPaid, null);
      await db
        .update(checkouts)
        .set({ amountPaid: "0.000123456789012345", version: sql`${checkouts.version} + 1` })
        .where(eq(checkouts.id, checkout.id));
      await until(
        async () => (await findCheckoutStatus(db, checkout.id, { cached: true }))!.version > first.version,
        "the cached poll sees the write",
      );
      const after = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      // Exact decimals, not floats: the announcement carries amounts as text.
      assert.equal(after.amountPaid, "0.000123456789012345");
      assert.equal(after.expiresAt.getTime(), first.expiresAt.getTime());
    });

    it("a write of any one column the status shows, and only such a write, is announced", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const later = new Date(Date.now() + 3_600_000);
      const oneColumn: Record<string, Partial<typeof checkouts.$inferInsert>> = {
        state: { state: "confirming" },
        version: { version: 99 },
        amount: { amount: "12.340000000000000000" },
        currency: { currency: "EUR" },
        expiresAt: { expiresAt: later },
        nextCheckAt: { nextCheckAt: later },
        payCurrency: { payCurrency: "ETH" },
        amountDue: { amountDue: "0.500000000000000000" },
        amountPaid: { amountPaid: "0.250000000000000000" },
        confirmations: { confirmations: 5 },
        requiredConfirmations: { requiredConfirmations: 6 },
      };
      // Every column the poll reads is covered here (a new one must be added to the trigger too).
      const row = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      assert.deepEqual(
        Object.keys(oneColumn).sort(),
        Object.keys(row)
          .filter((k) => k !== "id")
          .sort(),
      );
      for (const [column, patch] of Object.entries(oneColumn)) {
        await db.update(checkouts).set(patch).where(eq(checkouts.id, checkout.id));
        const want = (patch as Record<string, unknown>)[column];
        const same = (v: unknown) => (v instanceof Date ? v.getTime() === (want as Date).getTime() : v === want);
        await until(
          async () => same((await findCheckoutStatus(db, checkout.id, { cached: true }))![column as keyof typeof row]),
          `the cached poll shows the new ${column}`,
        );
      }
    });

    it("announces a change once it commits, never a rolled-back one, and not a write the status does not show", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const events: FeedEvent[] = [];
      const unsubscribe = feed.subscribe(checkout.id, (e) => events.push(e));
      try {
        // Announcements arrive in commit order: once this one is heard, the creation's were too.
        await db.update(checkouts).set({ confirmations: 0 }).where(eq(checkouts.id, checkout.id));
        await until(() => events.some((e) => e.kind === "change" && e.row.confirmations === 0), "the start is heard");
        events.length = 0;
        await db
          .transaction(async (tx) => {
            await tx.update(checkouts).set({ confirmations: 1 }).where(eq(checkouts.id, checkout.id));
            throw new Error("roll back");
          })
          .catch(() => {});
        // Not part of the status view: no announcement.
        await db
          .update(checkouts)
          .set({ metadata: { note: "x" } })
          .where(eq(checkouts.id, checkout.id));
        // A marker written after both: once it is heard, anything before it would have been too.
        await db.update(checkouts).set({ confirmations: 2 }).where(eq(checkouts.id, checkout.id));
        await until(() => events.length > 0, "the marker is heard");
        assert.deepEqual(
          events.map((e) => (e.kind === "change" ? e.row.confirmations : e.kind)),
          [2],
          "only the committed status change",
        );
        await db.delete(checkouts).where(eq(checkouts.id, checkout.id));
        await until(() => events.length > 1, "the deletion is heard");
        assert.equal(events[1]!.kind, "gone");
      } finally {
        unsubscribe();
      }
    });
  });
}

{
  const { url: pgUrl, it, before, after } = postgresTests();
  describe("the change feed between two instances on PostgreSQL", () => {
    let database: { url: string; drop(): Promise<void> };
    let a: DbHandle;
    let b: DbHandle;
    before(async () => {
      database = await createTestDatabase(pgUrl!);
      a = await openDatabase({ url: database.url });
      b = await openDatabase({ url: database.url });
    });
    after(async () => {
      await a.close();
      await b.close();
      await database.drop();
    });

    it("a change written by one instance reaches the other's subscribers; a lost connection is a gap, then live again", async () => {
      const engine = await startEngine(async () => ({ ...a, close: async () => {} }));
      const feedB = new ChangeFeed();
      try {
        await feedB.start(b);
        await until(() => feedB.live, "B listens");
        const { checkout } = await engine.checkout();
        const events: FeedEvent[] = [];
        const unsubscribe = feedB.subscribe(checkout.id, (e) => events.push(e));
        await a.db.update(checkouts).set({ confirmations: 3 }).where(eq(checkouts.id, checkout.id));
        await until(() => events.some((e) => e.kind === "change" && e.row.confirmations === 3), "B hears A's write");

        // The server ends B's listening session (a restart, a failover): B cannot vouch for what it hears.
        await a.db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
        );
        await until(() => events.some((e) => e.kind === "gap"), "subscribers are told of the gap");
        await until(() => feedB.live, "B listens again");
        await a.db.update(checkouts).set({ confirmations: 4 }).where(eq(checkouts.id, checkout.id));
        await until(
          () => events.some((e) => e.kind === "change" && e.row.confirmations === 4),
          "B hears changes again after reconnecting",
        );
        unsubscribe();
        await feedB.stop();
        assert.equal(feedB.live, false);
      } finally {
        await feedB.stop();
        await engine.close();
      }
    });
  });
}
