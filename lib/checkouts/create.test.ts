/**
 * Creating checkouts with an Idempotency-Key: a retry (even a concurrent one) returns the first
 * checkout; the same key with another body is refused; nothing is half-written.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { sql } from "drizzle-orm";
import { ApiError } from "../errors/api-error";
import { checkouts } from "../db/schema";
import { createCheckout } from "./create";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { checkoutInputSchema } from "./validation";

const input = (orderId: string, amount = "10.00") =>
  checkoutInputSchema("sandbox").parse({ amount, currency: "EUR", orderId });
const count = async (engine: Engine, orderId: string) =>
  (
    await engine.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(checkouts)
      .where(sql`${checkouts.orderId} = ${orderId}`)
  )[0]!.n;

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`creating checkouts on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("stores the amount exactly and sets the deadline from the duration", async () => {
      const { checkout } = await createCheckout(
        engine.deps,
        checkoutInputSchema("sandbox").parse({ amount: "19.99", currency: "EUR", orderId: "exact-1", duration: 600 }),
        { source: "api" },
      );
      assert.equal(Number(checkout.amount), 19.99);
      assert.equal(checkout.amount.replace(/0+$/, ""), "19.99");
      assert.equal(checkout.expiresAt.getTime() - checkout.createdAt.getTime(), 600_000);
      assert.equal(checkout.state, "awaiting_payment");
      assert.match(checkout.id, /^co_[a-z2-7]{26}$/);
    });

    it("a repeated Idempotency-Key returns the first checkout, also when ten arrive at once", async () => {
      const idem = { scope: "api:env", key: "retry-1", request: { orderId: "idem-1" } };
      const first = await createCheckout(engine.deps, input("idem-1"), { source: "api", idempotency: idem });
      const again = await createCheckout(engine.deps, input("idem-1"), { source: "api", idempotency: idem });
      assert.equal(again.checkout.id, first.checkout.id);
      assert.equal(again.replayed, true);
      const idem2 = { scope: "api:env", key: "burst-1", request: { orderId: "idem-2" } };
      const burst = await Promise.all(
        Array.from({ length: 10 }, () =>
          createCheckout(engine.deps, input("idem-2"), { source: "api", idempotency: idem2 }),
        ),
      );
      assert.equal(new Set(burst.map((b) => b.checkout.id)).size, 1);
      assert.equal(await count(engine, "idem-2"), 1, "exactly one row, the others rolled back");
    });

    it("the same key with a different body is refused and creates nothing", async () => {
      await createCheckout(engine.deps, input("idem-3"), {
        source: "api",
        idempotency: { scope: "api:env", key: "k3", request: { amount: "10.00" } },
      });
      await assert.rejects(
        createCheckout(engine.deps, input("idem-3b", "99.00"), {
          source: "api",
          idempotency: { scope: "api:env", key: "k3", request: { amount: "99.00" } },
        }),
        (e: unknown) =>
          e instanceof ApiError &&
          e.status === 422 &&
          e.code === "idempotency_key_reused" &&
          e.field === "Idempotency-Key",
      );
      assert.equal(await count(engine, "idem-3b"), 0);
    });

    it("keys are per API key: another key may use the same value", async () => {
      const a = await createCheckout(engine.deps, input("idem-4"), {
        source: "api",
        idempotency: { scope: "api:key_a", key: "same", request: {} },
      });
      const b = await createCheckout(engine.deps, input("idem-4"), {
        source: "api",
        idempotency: { scope: "api:key_b", key: "same", request: {} },
      });
      assert.notEqual(a.checkout.id, b.checkout.id);
    });
  });
}
