/**
 * Greenfield webhooks through the real outbox and deliverer: the events a payment makes (BTCPay's
 * order and fields), only those a webhook subscribed to, signed `BTCPay-Sig` as the PHP client's
 * Webhook::isIncomingWebhookRequestValid checks it ('sha256=' . hash_hmac('sha256', body, secret),
 * compared whole), retried after a failure, not retried without automaticRedelivery, and nothing
 * more sent once the webhook is deleted.
 */
import assert from "node:assert/strict";
import { createHmac, timingSafeEqual } from "node:crypto";
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
import { greenfieldInvoices, greenfieldWebhooks, notificationEvents } from "../db/schema";
import { Deliverer } from "../notifications/deliverer";
import { setWebhookUrl } from "../notifications/settings";
import { GreenfieldError } from "./errors";
import { STORE_ID } from "./facts";
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from "./webhooks";

/** The client's formula, written from its source: expected = 'sha256=' . hex HMAC-SHA256(key = secret, data = raw body); hash_equals. */
const phpClientAccepts = (body: string, header: string, secret: string) => {
  const expected = Buffer.from("sha256=" + createHmac("sha256", secret).update(body).digest("hex"));
  const got = Buffer.from(header);
  return body !== "" && header !== "" && expected.length === got.length && timingSafeEqual(expected, got);
};

for (const [dbName, openDb, { it, before, after, beforeEach, afterEach }] of dbTargets()) {
  describe(`Greenfield webhooks on ${dbName}`, () => {
    let handle: DbHandle;
    let receiver: Receiver;
    let clock: ReturnType<typeof testClock>;
    const deliverer = () =>
      new Deliverer({ db: handle.db, mode: "sandbox", envUrl: null, now: clock.now, log: () => {}, random: () => 0.5 });
    const hookUrl = () => receiver.url;

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
      await handle.db.delete(greenfieldWebhooks);
      await setWebhookUrl(handle.db, null, "sandbox");
    });
    afterEach(async () => {
      await receiver.close();
    });

    it("creates, lists, reads, updates and deletes a webhook; the secret is answered on create only", async () => {
      const made = await createWebhook(
        handle.db,
        {
          url: hookUrl(),
          enabled: true,
          automaticRedelivery: true,
          authorizedEvents: { everything: false, specificEvents: ["InvoiceSettled", "InvoiceExpired"] },
          secret: null,
        },
        "sandbox",
        clock.now(),
      );
      assert.match(made.id, /^wh_/);
      assert.ok(made.secret && made.secret.length >= 32);
      const listed = { ...made };
      delete listed.secret;
      assert.deepEqual(await listWebhooks(handle.db), [listed]);
      const updated = await updateWebhook(
        handle.db,
        made.id,
        {
          url: hookUrl(),
          enabled: false,
          automaticRedelivery: false,
          authorizedEvents: { everything: true },
          secret: null,
        },
        "sandbox",
      );
      assert.equal(updated.enabled, false);
      assert.equal(updated.authorizedEvents.everything, true);
      assert.equal("secret" in updated, false);
      const [row] = await handle.db.select().from(greenfieldWebhooks).where(eq(greenfieldWebhooks.id, made.id));
      assert.equal(row!.secret, made.secret, "a null secret keeps the one it had");
      await deleteWebhook(handle.db, made.id);
      const gone = await getWebhook(handle.db, made.id).catch((e: unknown) => e);
      assert.ok(gone instanceof GreenfieldError && gone.status === 404);
      const bad = await createWebhook(
        handle.db,
        { url: "ftp://x", authorizedEvents: { specificEvents: ["Nope"] } },
        "sandbox",
        0,
      ).catch((e: unknown) => e);
      assert.ok(bad instanceof GreenfieldError && bad.status === 422);
      assert.deepEqual(
        (bad.body as Array<{ path: string }>).map((p) => p.path),
        ["url", "authorizedEvents.specificEvents"],
      );
    });

    it("sends a payment's events in BTCPay's order, signed with the webhook's secret, and retries a failure", async () => {
      const { secret } = await createWebhook(
        handle.db,
        { url: hookUrl(), secret: "shop-secret" },
        "sandbox",
        clock.now(),
      );
      const checkout = await seedCheckout(handle.db, clock.now(), {
        type: "ECOMMERCE",
        source: "greenfield",
        orderId: "1234",
      });
      const metadata = { orderId: "1234", posData: '{"WooCommerce":{"Order ID":"1234"}}' };
      await handle.db
        .insert(greenfieldInvoices)
        .values({ checkoutId: checkout.id, metadata, checkoutOptions: {}, createdAt: checkout.createdAt });
      await handle.db
        .update((await import("../db/checkout-tables")).checkoutsTable)
        .set({ payCurrency: "BTC", amountDue: "0.0005", amountPaid: "0.0005" })
        .where(eq((await import("../db/checkout-tables")).checkoutsTable.id, checkout.id));
      await move(handle.db, checkout.id, clock.now(), "confirming");
      await move(handle.db, checkout.id, clock.now(), "paid");
      let calls = 0;
      receiver.behave(() => (++calls === 1 ? 503 : 200));
      const d = deliverer();
      const first = await d.tick();
      assert.equal(first.retrying, 1, "the first delivery failed; the rest of this webhook's events wait behind it");
      const gf = (await eventsOf(handle.db, checkout.id)).filter((e) => e.channel === "greenfield");
      assert.equal(gf.length, 4);
      for (let i = 0; i < 10 && receiver.received.length < 5; i++) {
        const pending = (await eventsOf(handle.db, checkout.id)).find(
          (e) => e.channel === "greenfield" && e.status === "pending",
        );
        if (!pending) break;
        clock.set(Math.max(clock.now(), (await findEvent(handle.db, pending.id)).nextAttemptAt.getTime()));
        await d.tick();
      }
      const bodies = receiver.received.map((r) => ({
        json: JSON.parse(r.body),
        raw: r.body,
        sig: r.headers["btcpay-sig"] as string,
      }));
      assert.deepEqual(
        bodies.map((b) => b.json.type),
        [
          "InvoiceReceivedPayment",
          "InvoiceReceivedPayment",
          "InvoiceProcessing",
          "InvoicePaymentSettled",
          "InvoiceSettled",
        ],
      );
      assert.equal(bodies[0]!.raw, bodies[1]!.raw, "a retry sends the same bytes");
      for (const b of bodies) {
        assert.ok(phpClientAccepts(b.raw, b.sig, secret!), "the PHP client's formula accepts the signature");
        assert.equal(phpClientAccepts(b.raw, b.sig, "another secret"), false);
        assert.equal(b.json.storeId, STORE_ID);
        assert.equal(b.json.invoiceId, checkout.id);
        assert.deepEqual(b.json.metadata, metadata);
        assert.equal(b.json.deliveryId, b.json.originalDeliveryId);
        assert.equal(b.json.isRedelivery, false);
        assert.equal(typeof b.json.timestamp, "number");
      }
      assert.equal(bodies[1]!.json.afterExpiration, false);
      assert.equal(bodies[1]!.json.paymentMethodId, "BTC");
      assert.equal(bodies[4]!.json.overPaid, false);
      assert.equal(bodies[4]!.json.manuallyMarked, false);
    });

    it("sends only subscribed events, gives up at once without automaticRedelivery, and stops once deleted", async () => {
      const only = await createWebhook(
        handle.db,
        {
          url: hookUrl(),
          automaticRedelivery: false,
          authorizedEvents: { everything: false, specificEvents: ["InvoiceExpired"] },
        },
        "sandbox",
        clock.now(),
      );
      const a = await seedCheckout(handle.db, clock.now(), { type: "ECOMMERCE" });
      await move(handle.db, a.id, clock.now(), "expired");
      const b = await seedCheckout(handle.db, clock.now(), { type: "ECOMMERCE" });
      await move(handle.db, b.id, clock.now(), "expired");
      receiver.behave(() => 500);
      const r = await deliverer().tick();
      assert.equal(r.failed, 2);
      assert.deepEqual(
        receiver.received.map((x) => JSON.parse(x.body).type),
        ["InvoiceExpired", "InvoiceExpired"],
      );
      assert.equal(JSON.parse(receiver.received[0]!.body).partiallyPaid, false);
      const c = await seedCheckout(handle.db, clock.now(), { type: "ECOMMERCE" });
      await move(handle.db, c.id, clock.now(), "expired");
      await deleteWebhook(handle.db, only.id);
      assert.equal((await deliverer().tick()).claimed, 0);
      const [ev] = (await eventsOf(handle.db, c.id)).filter((e) => e.channel === "greenfield");
      assert.equal(ev!.status, "failed");
    });
  });
}
