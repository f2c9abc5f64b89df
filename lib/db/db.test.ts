/**
 * The storage layer on embedded PGlite, and on a PostgreSQL server when TEST_DATABASE_URL is set
 * (CI starts a throwaway one; skipped with the reason without it): migrations apply, amounts stay
 * exact, constraints hold.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, dbTargets } from "../../test/support/checkout-harness";
import { postgresTests } from "../../test/support/postgres-tests";
import { openDatabase, type DbHandle } from "./connect";
import { checkoutTransitions, idempotencyKeys } from "./schema";
import { checkoutsTable as checkouts } from "./checkout-tables";

// PostgreSQL: a database of its own (dropped on close), so files running side by side never meet.
const targets = dbTargets();
const postgres = postgresTests();

const row = (id: string, amount: string) => ({
  id,
  orderId: "order-1",
  amount,
  currency: "USD",
  payCurrencies: ["BTC", "LNX"],
  type: "POS" as const,
  durationSeconds: 900,
  expiresAt: new Date(Date.now() + 900_000),
});

for (const [name, open, { it, before, after }] of targets) {
  describe(`database on ${name}`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await open();
    });
    after(async () => {
      await handle.close();
    });

    it("applies the migrations: every table exists and a new checkout awaits payment", async () => {
      await handle.db.insert(checkouts).values(row("co_1", "12.34"));
      const [stored] = await handle.db.select().from(checkouts).where(eq(checkouts.id, "co_1"));
      assert.equal(stored?.state, "awaiting_payment");
      assert.deepEqual(stored?.payCurrencies, ["BTC", "LNX"]);
      const count = await handle.db.select({ n: sql<number>`count(*)::int` }).from(checkoutTransitions);
      assert.equal(count[0]?.n, 0);
    });

    it("keeps amounts exact: values a float would round come back digit for digit", async () => {
      const amounts = ["0.000000000000000001", "123456789012345678.123456789012345678", "0.3"];
      for (const [i, amount] of amounts.entries())
        await handle.db.insert(checkouts).values(row(`co_exact_${i}`, amount));
      const stored = await handle.db
        .select({ id: checkouts.id, amount: checkouts.amount })
        .from(checkouts)
        .where(sql`${checkouts.id} like 'co_exact_%'`);
      const byId = new Map(stored.map((s) => [s.id, s.amount]));
      for (const [i, amount] of amounts.entries()) {
        // numeric(36,18) pads with zeros; the value must be the same decimal.
        assert.equal(byId.get(`co_exact_${i}`)?.replace(/\.?0+$/, ""), amount.replace(/\.?0+$/, ""));
      }
    });

    it("refuses a second use of the same idempotency key", async () => {
      await handle.db.insert(idempotencyKeys).values({ scope: "api", key: "k-1", requestHash: "h" });
      await assert.rejects(
        handle.db.insert(idempotencyKeys).values({ scope: "api", key: "k-1", requestHash: "other" }),
      );
      await handle.db.insert(idempotencyKeys).values({ scope: "link", key: "k-1", requestHash: "h" });
    });

    it("refuses a transition for a checkout that does not exist", async () => {
      await assert.rejects(
        handle.db
          .insert(checkoutTransitions)
          .values({ checkoutId: "missing", fromState: "awaiting_payment", toState: "paid", reason: "test" }),
      );
    });
  });
}

postgres.it("several instances starting at once on one PostgreSQL all migrate without clashing", async () => {
  const database = await createTestDatabase(postgres.url!);
  try {
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url })));
    for (const h of handles) assert.ok(Array.isArray(await h.db.select().from(checkouts).limit(1)));
    await Promise.all(handles.map((h) => h.close()));
  } finally {
    await database.drop();
  }
});
