/**
 * The status poll's narrow read answers exactly what the full row would; its in-memory copy
 * (embedded PGlite only) never hides a change written through the app's writers.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq } from "drizzle-orm";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { changeCheckout, findCheckout } from "./repository";
import { startPayment } from "./start-payment";
import { findCheckoutStatus, forgetStatus, patchStatus, refreshStatus, STATUS_CACHE_MS } from "./status-read";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { statusEtag, statusView } from "./merchant-view";

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`the status read on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("gives the same status view and ETag as the full row, before and after a payment starts", async () => {
      const { checkout } = await engine.checkout();
      const now = engine.deps.now();
      for (let step = 0; step < 2; step++) {
        const full = (await findCheckout(engine.deps.db, checkout.id))!;
        const narrow = (await findCheckoutStatus(engine.deps.db, checkout.id))!;
        assert.deepEqual(statusView(narrow, now), statusView(full, now));
        assert.equal(statusEtag(narrow), statusEtag(full));
        if (step === 0) await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      }
      assert.notEqual((await findCheckoutStatus(engine.deps.db, checkout.id))!.payCurrency, null);
    });

    it("answers null for an unknown checkout", async () => {
      assert.equal(await findCheckoutStatus(engine.deps.db, "co_aaaaaaaaaaaaaaaaaaaaaaaaaa"), null);
      assert.equal(await findCheckoutStatus(engine.deps.db, "co_aaaaaaaaaaaaaaaaaaaaaaaaaa", { cached: true }), null);
    });

    it("cached: answers from memory until the app writes the checkout, then reads the change", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const first = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      // A write behind the app's back is not seen (this is why only a sole writer may cache)...
      await db.update(checkouts).set({ amountPaid: "0.5" }).where(eq(checkouts.id, checkout.id));
      assert.equal(await findCheckoutStatus(db, checkout.id, { cached: true }), first);
      // ...but one through the app's writers is, at once.
      await changeCheckout(
        db,
        checkout.id,
        engine.deps.now,
        () => ({ steps: ["expired"], reason: "test" }),
        engine.deps,
      );
      const after = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      assert.equal(after.state, "expired");
      assert.equal(Number(after.amountPaid), 0.5);
      assert.notEqual(after.version, first.version);
    });

    it("cached: a read that overlaps a write is not kept, and entries are re-read after a while", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const reading = findCheckoutStatus(db, checkout.id, { cached: true });
      forgetStatus("co_someotherbbbbbbbbbbbbbbbbbb"); // any write while the read is on its way
      const raced = (await reading)!;
      await db.update(checkouts).set({ confirmations: 7 }).where(eq(checkouts.id, checkout.id));
      assert.equal(
        (await findCheckoutStatus(db, checkout.id, { cached: true }))!.confirmations,
        7,
        "the raced read was not kept",
      );
      assert.equal(raced.confirmations, null);
      await db.update(checkouts).set({ confirmations: 8 }).where(eq(checkouts.id, checkout.id));
      assert.equal((await findCheckoutStatus(db, checkout.id, { cached: true }))!.confirmations, 7, "kept");
      const later = Date.now() + STATUS_CACHE_MS + 1;
      assert.equal(
        (await findCheckoutStatus(db, checkout.id, { cached: true, now: later }))!.confirmations,
        8,
        "re-read after the safety interval",
      );
    });

    it("cached: a write of known columns patches the kept answer instead of dropping it", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      await findCheckoutStatus(db, checkout.id, { cached: true });
      const soon = new Date(Date.now() + 3000);
      await db.update(checkouts).set({ nextCheckAt: soon }).where(eq(checkouts.id, checkout.id));
      patchStatus(checkout.id, { nextCheckAt: soon });
      assert.equal(
        (await findCheckoutStatus(db, checkout.id, { cached: true }))!.nextCheckAt?.getTime(),
        soon.getTime(),
      );
    });

    it("cached: a compare-and-set's row replaces the kept answer, never with an older version", async () => {
      const { checkout } = await engine.checkout();
      const db = engine.deps.db;
      const kept = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      refreshStatus({ ...kept, version: kept.version - 1, state: "paid" });
      await db.update(checkouts).set({ confirmations: 3 }).where(eq(checkouts.id, checkout.id));
      const reread = (await findCheckoutStatus(db, checkout.id, { cached: true }))!;
      assert.equal(reread.state, "awaiting_payment", "an older version is not kept");
      assert.equal(reread.confirmations, 3, "it was dropped and read again");
      refreshStatus({ ...reread, version: reread.version + 1, confirmations: 4 });
      assert.equal((await findCheckoutStatus(db, checkout.id, { cached: true }))!.confirmations, 4);
      refreshStatus({ ...reread, id: "co_notkeptcccccccccccccccccccc", version: 99 });
      await db.update(checkouts).set({ confirmations: 5 }).where(eq(checkouts.id, checkout.id));
      forgetStatus(checkout.id);
      assert.equal((await findCheckoutStatus(db, checkout.id, { cached: true }))!.confirmations, 5);
    });
  });
}
