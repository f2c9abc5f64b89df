/**
 * The outbox write: every state step taken writes exactly one event, in the transaction of the
 * change (a change that loses its compare-and-set writes none, and a failed event write undoes
 * the change), and a real payment through the sandbox produces `checkout.pending` then
 * `checkout.paid` carrying the merchant's full view of the checkout.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { sql } from "drizzle-orm";
import { changeCheckout, findCheckout, findInvoices, updateCheckout } from "../checkouts/repository";
import { startPayment } from "../checkouts/start-payment";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { merchantView } from "../checkouts/merchant-view";
import type { DbHandle } from "../db/connect";
import { notificationEvents } from "../db/schema";
import { isId } from "../ids";
import { refreshInvoice } from "../reconciler/refresh";
import { waitFor } from "../../test/support/sandbox-harness";
import { serializePayload } from "./deliverer";
import { APP_URL, eventsOf, move, seedCheckout } from "../../test/support/notification-harness";

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`outbox on ${dbName}`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await openDb();
    });
    after(async () => {
      await handle.close();
    });

    it("a state change writes exactly one event, stamped like its transition", async () => {
      const now = Date.now();
      const checkout = await seedCheckout(handle.db, now);
      const moved = await move(handle.db, checkout.id, now + 5, "expired");
      assert.equal(moved.state, "expired");
      const events = await eventsOf(handle.db, checkout.id);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.ok(isId(event!.id, "evt"), event!.id);
      assert.equal(event!.type, "checkout.expired");
      assert.equal(event!.status, "pending");
      assert.equal(event!.attempts, 0);
      assert.equal(event!.createdAt.getTime(), now + 5);
      assert.deepEqual(event!.payload, {
        id: event!.id,
        type: "checkout.expired",
        livemode: false,
        created: new Date(now + 5).toISOString(),
        data: { checkout: merchantView(moved, [], APP_URL) },
      });
    });

    it("a change without a state step, a refused step and a lost compare-and-set write no event", async () => {
      const now = Date.now();
      const checkout = await seedCheckout(handle.db, now);
      const ctx = { appUrl: APP_URL, mode: "sandbox" as const };
      // Patch only.
      const patched = await updateCheckout(
        handle.db,
        checkout,
        { reason: "details", patch: { confirmations: 1 } },
        now,
        ctx,
      );
      assert.ok(patched);
      // A step the state machine refuses (awaiting_payment cannot become paid_late).
      assert.ok(await updateCheckout(handle.db, patched, { steps: ["paid_late"], reason: "stale" }, now, ctx));
      // The stale row: its version has moved on, so the compare-and-set loses.
      assert.equal(
        await updateCheckout(handle.db, checkout, { steps: ["expired"], reason: "late writer" }, now, ctx),
        null,
      );
      assert.equal((await eventsOf(handle.db, checkout.id)).length, 0);
      assert.equal((await findCheckout(handle.db, checkout.id))!.state, "awaiting_payment");
    });

    it("every event says whether it is about real money: livemode true in live mode, false in sandbox mode, in the body sent", async () => {
      const now = Date.now();
      for (const mode of ["live", "sandbox"] as const) {
        const checkout = await seedCheckout(handle.db, now);
        await changeCheckout(
          handle.db,
          checkout.id,
          () => now,
          () => ({ steps: ["expired"], reason: "test" }),
          { appUrl: APP_URL, mode },
        );
        const [event] = await eventsOf(handle.db, checkout.id);
        assert.equal(event!.payload.livemode, mode === "live", mode);
        assert.equal(JSON.parse(serializePayload(event!.payload, mode)).livemode, mode === "live", mode);
      }
      // An event stored before the field existed is sent with the mode the app runs in.
      const old = { id: "evt_x", type: "test.ping" as const, created: new Date(now).toISOString(), data: {} };
      assert.equal(JSON.parse(serializePayload(old, "live")).livemode, true);
      assert.equal(JSON.parse(serializePayload(old, "sandbox")).livemode, false);
    });

    it("expired then paid_late in one change: two events in order, each showing its own state", async () => {
      const now = Date.now();
      const checkout = await seedCheckout(handle.db, now);
      await move(handle.db, checkout.id, now, "expired", "paid_late");
      const events = await eventsOf(handle.db, checkout.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ["checkout.expired", "checkout.paid_late"],
      );
      assert.ok(events[0]!.sequence < events[1]!.sequence);
      assert.deepEqual(
        events.map((e) => (e.payload.data.checkout as { state: string }).state),
        ["expired", "paid_late"],
      );
    });

    it("the event is part of the change's transaction: when it cannot be written the change is undone", async () => {
      const now = Date.now();
      const checkout = await seedCheckout(handle.db, now);
      await handle.db.execute(
        sql`alter table ${notificationEvents} add constraint no_expired check (type <> 'checkout.expired') not valid`,
      );
      try {
        await assert.rejects(move(handle.db, checkout.id, now, "expired"));
      } finally {
        await handle.db.execute(sql`alter table ${notificationEvents} drop constraint no_expired`);
      }
      const row = (await findCheckout(handle.db, checkout.id))!;
      assert.equal(row.state, "awaiting_payment");
      assert.equal(row.version, checkout.version, "the compare-and-set update was rolled back too");
      assert.equal((await eventsOf(handle.db, checkout.id)).length, 0);
    });
  });

  describe(`events of a real payment on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("a paid checkout: checkout.pending then checkout.paid, with the full checkout view", async () => {
      const { checkout } = await engine.checkout();
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      // Seen on chain without confirmations: the checkout is confirming (Bitfinex sends no webhook for that).
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, { confirmations: 0 });
      const confirming = await refreshInvoice(
        engine.deps,
        (await findInvoices(engine.deps.db, checkout.id))[0]!,
        "test",
      );
      assert.equal(confirming!.state, "confirming");
      // Confirmed: Bitfinex's webhook hint makes the app look again, and it is paid.
      await engine.harness.control(`invoices/${invoice!.upstreamId}/confirmations`, { confirmations: 6 });
      assert.ok(
        await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 5000),
        "paid",
      );

      const events = await eventsOf(engine.deps.db, checkout.id);
      assert.deepEqual(
        events.map((e) => e.type),
        ["checkout.pending", "checkout.paid"],
      );
      assert.ok(events[0]!.sequence < events[1]!.sequence);
      const paidRow = (await findCheckout(engine.deps.db, checkout.id))!;
      const invoices = await findInvoices(engine.deps.db, checkout.id);
      const paidEvent = events[1]!;
      assert.deepEqual(paidEvent.payload, {
        id: paidEvent.id,
        type: "checkout.paid",
        livemode: false,
        created: paidEvent.createdAt.toISOString(),
        data: { checkout: merchantView(paidRow, invoices, engine.deps.appUrl) },
      });
      const pendingView = events[0]!.payload.data.checkout as ReturnType<typeof merchantView>;
      assert.equal(pendingView.state, "confirming");
      assert.equal(pendingView.id, checkout.id);
      assert.equal(pendingView.payment?.payCurrency, "BTC");
      assert.equal(pendingView.invoices[0]?.bitfinexId, invoice!.upstreamId);
    });
  });
}
