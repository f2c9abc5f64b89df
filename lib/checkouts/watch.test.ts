/**
 * Watching a checkout (its page polls or streams) brings its next reconciler check forward, and
 * the database cost stays flat however many polls come: the checkouts are written together, once
 * per flush, and each at most once per interval by this instance.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inArray } from "drizzle-orm";
import { openDatabase } from "../db/connect";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { findCheckout } from "./repository";
import { startPayment } from "./start-payment";
import { findCheckoutStatus } from "./status-read";
import { noteWatched } from "./watch";
import { startEngine, type Engine } from "../../test/support/checkout-harness";

describe("watching a checkout", () => {
  let engine: Engine;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
  });
  after(async () => {
    await engine.close();
  });

  it("brings the next checks of many watched checkouts forward in one write, each once per interval", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const { checkout } = await engine.checkout();
      await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      ids.push(checkout.id);
    }
    // Later than the reconciler would look: a page being watched should not wait that long.
    const far = new Date(engine.deps.now() + 10 * 60_000);
    await engine.deps.db.update(checkouts).set({ nextCheckAt: far }).where(inArray(checkouts.id, ids));

    const polls: Promise<void>[] = [];
    for (let round = 0; round < 3; round++)
      for (const id of ids) polls.push(noteWatched(engine.deps, (await findCheckoutStatus(engine.deps.db, id))!));
    // Nothing is written per poll: all of them wait for the same flush.
    assert.equal(new Set(polls.slice(0, ids.length)).size, 1, "one write for every checkout watched meanwhile");
    assert.equal((await findCheckout(engine.deps.db, ids[0]!))!.nextCheckAt!.getTime(), far.getTime());
    await Promise.all(polls);
    for (const id of ids) {
      const next = (await findCheckout(engine.deps.db, id))!.nextCheckAt!.getTime();
      assert.ok(next - engine.deps.now() <= 3_000, `${id}: its check comes within 3 s`);
    }
  });

  it("leaves alone a checkout without a payment, or a final one", async () => {
    const { checkout } = await engine.checkout();
    const row = (await findCheckoutStatus(engine.deps.db, checkout.id))!;
    await noteWatched(engine.deps, row);
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.nextCheckAt?.getTime(), row.nextCheckAt?.getTime());
    await noteWatched(engine.deps, {
      ...row,
      payCurrency: "BTC",
      state: "paid",
      nextCheckAt: new Date(Date.now() + 60_000),
    });
    assert.equal((await findCheckout(engine.deps.db, checkout.id))!.nextCheckAt?.getTime(), row.nextCheckAt?.getTime());
  });
});
