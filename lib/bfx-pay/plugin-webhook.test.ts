/**
 * The plugin's webhook through the real deliverer: Bitfinex's body, unsigned, to the plugin's own
 * URL; not held back while the merchant has no endpoint (their events wait); retried after a
 * failure; once delivered, not sent again; refused for a loopback address in live mode.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq } from "drizzle-orm";
import { dbTargets } from "../../test/support/checkout-harness";
import {
  eventsOf,
  findEvent,
  move,
  seedCheckout,
  startReceiver,
  testClock,
  type Receiver,
} from "../../test/support/notification-harness";
import type { DbHandle } from "../db/connect";
import { bfxPayInvoices, bfxPayKeys, notificationEvents } from "../db/schema";
import { Deliverer } from "../notifications/deliverer";
import { setWebhookUrl } from "../notifications/settings";
import { SIGNATURE_HEADER } from "../notifications/signature";

for (const [dbName, openDb, { it, before, after, beforeEach, afterEach }] of dbTargets()) {
  describe(`the plugin's webhook through the outbox on ${dbName}`, () => {
    let handle: DbHandle;
    let receiver: Receiver;
    let clock: ReturnType<typeof testClock>;
    const deliverer = (mode: "sandbox" | "live" = "sandbox") =>
      new Deliverer({ db: handle.db, mode, envUrl: null, now: clock.now, log: () => {}, random: () => 0.5 });
    const pluginCheckout = async () => {
      const checkout = await seedCheckout(handle.db, clock.now(), {
        source: "bfx_plugin",
        type: "ECOMMERCE",
        orderId: String(Math.floor(Math.random() * 1e6)),
      });
      const keyId = `key_${checkout.id.slice(3)}`;
      await handle.db
        .insert(bfxPayKeys)
        .values({ id: keyId, name: "t", apiKey: `bpk_${keyId}`, secret: "s", createdAt: new Date(clock.now()) });
      await handle.db.insert(bfxPayInvoices).values({
        checkoutId: checkout.id,
        keyId,
        nonce: 1n,
        orderId: checkout.orderId,
        webhook: receiver.url,
        createdAt: checkout.createdAt,
      });
      return checkout;
    };

    before(async () => {
      handle = await openDb();
    });
    after(async () => {
      await handle.close();
    });
    beforeEach(async () => {
      clock = testClock();
      receiver = await startReceiver();
      await handle.db
        .update(notificationEvents)
        .set({ status: "failed" })
        .where(eq(notificationEvents.status, "pending"));
      await setWebhookUrl(handle.db, null, "sandbox");
    });
    afterEach(async () => {
      await receiver.close();
    });

    it("sends Bitfinex's body unsigned while the merchant's events wait for a URL, retries a failure, then stops", async () => {
      const checkout = await pluginCheckout();
      await move(handle.db, checkout.id, clock.now(), "expired");
      let calls = 0;
      receiver.behave(() => (++calls === 1 ? 500 : 200));
      const d = deliverer();
      assert.equal((await d.tick()).retrying, 1);
      const plugin = (await eventsOf(handle.db, checkout.id)).find((e) => e.channel === "bfx_plugin")!;
      clock.set((await findEvent(handle.db, plugin.id)).nextAttemptAt.getTime());
      assert.equal((await d.tick()).delivered, 1);
      assert.equal(receiver.received.length, 2);
      const { body, headers } = receiver.received[1]!;
      assert.deepEqual(JSON.parse(body), {
        id: checkout.id,
        type: "ECOMMERCE",
        orderId: checkout.orderId,
        status: "EXPIRED",
        amount: 25,
        currency: "USD",
        t: checkout.createdAt.getTime(),
        invoices: [],
      });
      assert.equal(headers[SIGNATURE_HEADER.toLowerCase()], undefined);
      clock.set(clock.now() + 3_600_000);
      assert.equal((await d.tick()).claimed, 0, "delivered once, not again");
      const merchant = (await eventsOf(handle.db, checkout.id)).find((e) => e.channel === "merchant")!;
      assert.equal(merchant.status, "pending", "the merchant's event waits for their URL");
    });

    it("live mode refuses the plugin's loopback webhook like any other destination", async () => {
      const checkout = await pluginCheckout();
      await move(handle.db, checkout.id, clock.now(), "expired");
      assert.equal((await deliverer("live").tick()).retrying, 1);
      const plugin = (await eventsOf(handle.db, checkout.id)).find((e) => e.channel === "bfx_plugin")!;
      assert.match((await findEvent(handle.db, plugin.id)).lastError!, /^destination_not_allowed: /);
      assert.equal(receiver.received.length, 0);
    });
  });
}
