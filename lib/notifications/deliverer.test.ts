/**
 * The delivery worker against a real HTTP endpoint on 127.0.0.1, with a clock the test moves (so
 * three days of retries take milliseconds): signed deliveries, retries on the schedule through an
 * endpoint that is down, answers 500, hangs or redirects, giving up after ~72 h, order per
 * checkout, two instances sharing the work, claims of crashed instances taken over, live-mode
 * destination checks, events waiting for a URL, resends and test events.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq, sql } from "drizzle-orm";
import { dbTargets } from "../../test/support/checkout-harness";
import type { DbHandle } from "../db/connect";
import { notificationAttempts, notificationEvents } from "../db/schema";
import { Deliverer, type DelivererOptions } from "./deliverer";
import { findEventWithAttempts, listEvents, notificationHealth, resendEvent, sendTestEvent } from "./queries";
import { RETRY_WINDOW_MS } from "./schedule";
import { getWebhookSettings, setWebhookUrl } from "./settings";
import { verifyWebhook } from "../../docs/examples/verify-webhook";
import {
  eventsOf,
  findEvent,
  move,
  seedCheckout,
  startReceiver,
  testClock,
  twoHandles,
  type Receiver,
} from "../../test/support/notification-harness";

const HOUR = 3_600_000;
const noJitter = () => 0.5;

for (const target of dbTargets()) {
  const [dbName, openDb, { it, before, after, beforeEach, afterEach }] = target;
  describe(`deliverer on ${dbName}`, () => {
    let handle: DbHandle;
    let receiver: Receiver;
    let clock: ReturnType<typeof testClock>;
    const logs: string[] = [];
    const deliverer = (options: Partial<DelivererOptions> = {}) =>
      new Deliverer({
        db: handle.db,
        mode: "sandbox",
        envUrl: null,
        now: clock.now,
        log: (l) => logs.push(l),
        random: noJitter,
        ...options,
      });
    /** Ticks until nothing is claimed (bounded). */
    const drain = async (d: Deliverer) => {
      for (let i = 0; i < 20; i++) if ((await d.tick()).claimed === 0) return;
      assert.fail("still claiming after 20 ticks");
    };
    /** Moves the clock to the event's next attempt. */
    const toNextAttempt = async (eventId: string) =>
      clock.set((await findEvent(handle.db, eventId)).nextAttemptAt.getTime());

    before(async () => {
      handle = await openDb();
    });
    after(async () => {
      await handle.close();
    });
    beforeEach(async () => {
      clock = testClock();
      receiver = await startReceiver();
      // Each test starts with an empty outbox (what earlier tests left is marked done).
      await handle.db
        .update(notificationEvents)
        .set({ status: "failed" })
        .where(eq(notificationEvents.status, "pending"));
      await setWebhookUrl(handle.db, receiver.url, "sandbox");
    });
    afterEach(async () => {
      await receiver.close();
    });

    it("delivers each event once, signed, with its id, type and the stored payload as the body", async () => {
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const report = await deliverer().tick();
      assert.deepEqual(report, { claimed: 1, delivered: 1, retrying: 0, failed: 0 });
      assert.equal(receiver.received.length, 1);
      const got = receiver.received[0]!;
      assert.equal(got.headers["content-type"], "application/json");
      assert.equal(got.headers["user-agent"], "bitfinex-checkout-webhooks/1");
      assert.equal(got.eventId, event!.id);
      assert.deepEqual(JSON.parse(got.body), event!.payload);
      const { secret } = await getWebhookSettings(handle.db, null);
      assert.equal(
        verifyWebhook(got.body, String(got.headers["bitfinex-checkout-signature"]), secret, 300, clock.now()),
        true,
      );
      assert.equal(
        verifyWebhook(got.body, String(got.headers["bitfinex-checkout-signature"]), "whsec_wrong", 300, clock.now()),
        false,
      );
      assert.doesNotMatch(JSON.stringify(got.headers), new RegExp(secret), "the secret never travels");
      const stored = await findEventWithAttempts(handle.db, event!.id);
      assert.equal(stored!.event.status, "delivered");
      assert.equal(stored!.event.deliveredAt!.getTime(), clock.now());
      assert.equal(stored!.event.attempts, 1);
      assert.equal(stored!.event.lastStatus, 200);
      assert.equal(stored!.event.claimToken, null);
      assert.equal(stored!.attempts.length, 1);
      assert.equal(stored!.attempts[0]!.statusCode, 200);
      assert.equal(stored!.attempts[0]!.url, receiver.url);
      assert.equal(stored!.attempts[0]!.error, null);
      assert.ok(stored!.attempts[0]!.latencyMs >= 0);
      // Nothing more to do: no second delivery however often it ticks.
      await drain(deliverer());
      clock.advance(RETRY_WINDOW_MS);
      await drain(deliverer());
      assert.equal(receiver.received.length, 1);
      assert.ok(!logs.some((l) => l.includes(secret)), "the secret is never logged");
    });

    it("an endpoint that is down for a while gets the event exactly once when it is back", async () => {
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const d = deliverer();
      await receiver.down();
      assert.deepEqual(await d.tick(), { claimed: 1, delivered: 0, retrying: 1, failed: 0 });
      let stored = await findEvent(handle.db, event!.id);
      assert.equal(stored.status, "pending");
      assert.equal(stored.lastError, "connection refused");
      assert.equal(stored.lastStatus, null);
      assert.equal(stored.nextAttemptAt.getTime(), clock.now() + 30_000, "first retry after 30 s");
      // Not due yet: nothing happens however often it ticks.
      clock.advance(29_000);
      assert.equal((await d.tick()).claimed, 0);
      await toNextAttempt(event!.id);
      assert.equal((await d.tick()).retrying, 1);
      stored = await findEvent(handle.db, event!.id);
      assert.equal(stored.nextAttemptAt.getTime(), clock.now() + 60_000, "then after 1 min");
      await receiver.up();
      await toNextAttempt(event!.id);
      assert.equal((await d.tick()).delivered, 1);
      clock.advance(HOUR);
      await drain(d);
      assert.equal(receiver.received.length, 1);
      const { attempts } = (await findEventWithAttempts(handle.db, event!.id))!;
      assert.deepEqual(
        attempts.map((a) => a.error),
        ["connection refused", "connection refused", null],
      );
    });

    it("500s are retried on the schedule for about 3 days, then the event is failed", async () => {
      receiver.behave(() => 500);
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const d = deliverer();
      const first = clock.now();
      for (let i = 0; i < 40; i++) {
        const report = await d.tick();
        assert.equal(report.claimed, 1, `attempt ${i + 1} was due`);
        if (report.failed === 1) break;
        await toNextAttempt(event!.id);
      }
      const { event: stored, attempts } = (await findEventWithAttempts(handle.db, event!.id))!;
      assert.equal(stored.status, "failed");
      assert.equal(stored.attempts, 18);
      assert.equal(stored.lastStatus, 500);
      assert.equal(stored.lastError, "HTTP 500");
      assert.equal(attempts.length, 18);
      assert.equal(receiver.received.length, 18);
      const offsets = attempts.map((a) => a.at.getTime() - first);
      assert.deepEqual(offsets.slice(0, 6), [0, 30_000, 90_000, 210_000, 510_000, 1_410_000]);
      assert.ok(offsets.at(-1)! <= RETRY_WINDOW_MS && offsets.at(-1)! > 64 * HOUR);
      // Failed is final for the worker: nothing more is sent.
      clock.advance(RETRY_WINDOW_MS);
      await drain(d);
      assert.equal(receiver.received.length, 18);
      assert.ok(logs.some((l) => l.includes(event!.id) && l.includes("giving up")));
    });

    it("an endpoint that does not answer in time is a failed attempt, retried later", async () => {
      receiver.behave((req) => (receiver.received.indexOf(req) === 0 ? "hang" : 204));
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const d = deliverer({ timeoutMs: 300 });
      // The endpoint never answers: the tick ends only through the deliverer's own timeout.
      assert.equal((await d.tick()).retrying, 1);
      const stored = await findEvent(handle.db, event!.id);
      assert.match(stored.lastError!, /timeout: no response within 300 ms/);
      assert.equal(stored.lastStatus, null);
      await toNextAttempt(event!.id);
      assert.equal((await d.tick()).delivered, 1);
      assert.equal((await findEvent(handle.db, event!.id)).lastStatus, 204);
    });

    it("a redirect is not followed and counts as a failure", async () => {
      const elsewhere = receiver.url.replace("/hooks", "/elsewhere");
      receiver.behave(() => ({ redirect: elsewhere }));
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      // fetch follows a redirect before it answers, so once the tick is over a follow would be seen.
      assert.equal((await deliverer().tick()).retrying, 1);
      assert.deepEqual(receiver.others, [], "the redirect target was never requested");
      const stored = await findEvent(handle.db, event!.id);
      assert.equal(stored.status, "pending");
      assert.equal(stored.lastStatus, 302);
      assert.match(stored.lastError!, /redirects are not followed/);
    });

    it("keeps each checkout's order: while its first event fails its second waits; other checkouts go on", async () => {
      const a = await seedCheckout(handle.db, clock.now());
      const b = await seedCheckout(handle.db, clock.now());
      await move(handle.db, a.id, clock.now(), "confirming");
      await move(handle.db, b.id, clock.now(), "confirming");
      await move(handle.db, a.id, clock.now(), "paid");
      const [a1, a2] = await eventsOf(handle.db, a.id);
      const [b1] = await eventsOf(handle.db, b.id);
      let failA = true;
      receiver.behave((req) => (failA && JSON.parse(req.body).data.checkout.id === a.id ? 503 : 200));
      const d = deliverer();
      assert.deepEqual(await d.tick(), { claimed: 2, delivered: 1, retrying: 1, failed: 0 });
      assert.deepEqual(
        new Set(receiver.received.map((r) => r.eventId)),
        new Set([a1!.id, b1!.id]),
        "the first event of each checkout, not A's second",
      );
      // B's next event goes out while A is still failing; A's second event waits behind A's first.
      await move(handle.db, b.id, clock.now(), "paid");
      for (let i = 0; i < 3; i++) {
        await toNextAttempt(a1!.id);
        await drain(d);
      }
      const sent = receiver.received.map((r) => r.eventId);
      assert.equal(sent.filter((id) => id === a2!.id).length, 0, "A's second event was not sent");
      assert.equal(sent.filter((id) => id === a1!.id).length, 4);
      assert.equal(
        (await eventsOf(handle.db, b.id)).every((e) => e.status === "delivered"),
        true,
      );
      // A's endpoint recovers: first A1, then A2, in that order.
      failA = false;
      await toNextAttempt(a1!.id);
      await drain(d);
      const aOrder = receiver.received
        .filter((r) => JSON.parse(r.body).data.checkout.id === a.id)
        .map((r) => r.eventId);
      assert.deepEqual(aOrder.slice(-2), [a1!.id, a2!.id]);
      assert.deepEqual(
        (await eventsOf(handle.db, a.id)).map((e) => e.status),
        ["delivered", "delivered"],
      );
    });

    it("two instances on one database deliver every event exactly once, each checkout in order", async () => {
      const pair = await twoHandles(target);
      const local = await startReceiver();
      try {
        await setWebhookUrl(pair.first.db, local.url, "sandbox");
        const ids: string[] = [];
        for (let i = 0; i < 12; i++) {
          const c = await seedCheckout(pair.first.db, clock.now());
          ids.push(c.id);
          await move(pair.first.db, c.id, clock.now(), "confirming");
          await move(pair.first.db, c.id, clock.now(), "underpaid");
          await move(pair.first.db, c.id, clock.now(), "paid");
        }
        // Slow answers keep the instances' deliveries overlapping.
        local.behave(() => ({ status: 200, delayMs: 15 }));
        const instance = (db: typeof pair.first.db) =>
          new Deliverer({ db, mode: "sandbox", envUrl: null, now: clock.now, log: () => {}, concurrency: 4 });
        const run = async (d: Deliverer) => {
          let delivered = 0;
          for (let i = 0; i < 60; i++) delivered += (await d.tick()).delivered;
          return delivered;
        };
        const shares = await Promise.all([
          run(instance(pair.first.db)),
          run(instance(pair.second.db)),
          run(instance(pair.second.db)),
        ]);
        assert.ok(shares.filter((n) => n > 0).length >= 2, `the work was shared: ${shares.join(", ")}`);
        const sent = local.received.map((r) => r.eventId);
        assert.equal(sent.length, 36, "every event once");
        assert.equal(new Set(sent).size, 36, "no event twice");
        for (const id of ids) {
          const events = await eventsOf(pair.first.db, id);
          assert.deepEqual(
            events.map((e) => e.status),
            ["delivered", "delivered", "delivered"],
          );
          const order = local.received
            .filter((r) => JSON.parse(r.body).data.checkout.id === id)
            .map((r) => JSON.parse(r.body).type);
          assert.deepEqual(order, ["checkout.pending", "checkout.underpaid", "checkout.paid"]);
        }
      } finally {
        await local.close();
        await pair.close();
      }
    });

    it("a claim left by a crashed instance is delivered by another once its lease runs out", async () => {
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      // Another instance claimed it and died before recording anything (kill -9 mid-request).
      await handle.db
        .update(notificationEvents)
        .set({
          claimToken: "dead-instance",
          claimedUntil: new Date(clock.now() + 60_000),
          firstAttemptAt: new Date(clock.now()),
        })
        .where(eq(notificationEvents.id, event!.id));
      const d = deliverer();
      assert.equal((await d.tick()).claimed, 0, "a live claim is respected");
      clock.advance(60_001);
      assert.equal((await d.tick()).delivered, 1);
      assert.equal(receiver.received.length, 1);
      assert.equal((await findEvent(handle.db, event!.id)).status, "delivered");
    });

    it("a slow instance whose lease ran out does not overwrite the result of the one that took over", async () => {
      receiver.behave((req) => (receiver.received.indexOf(req) === 0 ? "hang" : 200));
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const later = { now: () => clock.now() + 2000 };
      const slow = deliverer({ timeoutMs: 1000, claimLeaseMs: 1500 });
      const slowTick = slow.tick();
      await receiver.waitForRequests(1);
      const other = deliverer({ now: later.now });
      assert.equal((await other.tick()).delivered, 1);
      assert.equal((await slowTick).retrying, 1, "the slow one timed out…");
      const stored = (await findEventWithAttempts(handle.db, event!.id))!;
      assert.equal(stored.event.status, "delivered", "…but the event stays delivered");
      assert.equal(stored.attempts.length, 2, "both attempts are in the log");
      assert.ok(logs.some((l) => l.includes("our claim had expired")));
    });

    it("live mode refuses loopback destinations, by address or by name, and retries on the schedule", async () => {
      for (const url of [
        receiver.url,
        receiver.url.replace("127.0.0.1", "localhost"),
        receiver.url.replace("127.0.0.1", "[::ffff:127.0.0.1]"),
      ]) {
        await setWebhookUrl(handle.db, url, "sandbox"); // stored as if DNS had changed since it was checked
        const checkout = await seedCheckout(handle.db, clock.now());
        await move(handle.db, checkout.id, clock.now(), "expired");
        const [event] = await eventsOf(handle.db, checkout.id);
        assert.equal((await deliverer({ mode: "live" }).tick()).retrying, 1, url);
        const stored = await findEventWithAttempts(handle.db, event!.id);
        assert.match(
          stored!.event.lastError!,
          /^destination_not_allowed: (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1|::ffff:7f00:1) is not a public internet address$/,
          url,
        );
        assert.equal(stored!.attempts[0]!.statusCode, null);
        assert.equal(stored!.event.status, "pending");
        await handle.db
          .update(notificationEvents)
          .set({ status: "failed" })
          .where(eq(notificationEvents.id, event!.id));
      }
      assert.equal(receiver.received.length, 0, "nothing reached the endpoint");
    });

    it("with no URL events wait, untouched; once one is set they go out with a full retry window", async () => {
      await setWebhookUrl(handle.db, null, "sandbox");
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const d = deliverer();
      assert.equal((await d.tick()).claimed, 0);
      clock.advance(5 * 24 * HOUR);
      assert.equal((await d.tick()).claimed, 0);
      let stored = await findEvent(handle.db, event!.id);
      assert.equal(stored.status, "pending");
      assert.equal(stored.attempts, 0);
      assert.equal(stored.firstAttemptAt, null);
      // The URL is set days later: the first attempt fails, and is retried rather than given up.
      receiver.behave((req) => (receiver.received.indexOf(req) === 0 ? 500 : 200));
      await setWebhookUrl(handle.db, receiver.url, "sandbox");
      assert.equal((await d.tick()).retrying, 1);
      await toNextAttempt(event!.id);
      assert.equal((await d.tick()).delivered, 1);
      stored = await findEvent(handle.db, event!.id);
      assert.equal(stored.status, "delivered");
    });

    it("MERCHANT_WEBHOOK_URL is used until a URL is stored, and a checkout's own webhookUrl wins", async () => {
      const own = await startReceiver();
      try {
        await setWebhookUrl(handle.db, null, "sandbox");
        const plain = await seedCheckout(handle.db, clock.now());
        const withOwn = await seedCheckout(handle.db, clock.now(), { webhookUrl: own.url });
        await move(handle.db, withOwn.id, clock.now(), "expired");
        // No merchant URL at all: the checkout with its own URL is still served.
        assert.equal((await deliverer().tick()).delivered, 1);
        assert.equal(own.received.length, 1);
        await move(handle.db, plain.id, clock.now(), "expired");
        assert.equal((await deliverer().tick()).claimed, 0);
        // The environment's URL applies while no URL is stored… but a stored "none" overrode it above.
        await handle.db.execute(sql`delete from app_state where key = 'webhook_url'`);
        assert.equal((await deliverer({ envUrl: receiver.url }).tick()).delivered, 1);
        assert.equal(receiver.received.length, 1);
      } finally {
        await own.close();
      }
    });

    it("resend sends the same event id and body again; a test event waits for nobody", async () => {
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const [event] = await eventsOf(handle.db, checkout.id);
      const d = deliverer();
      await d.tick();
      clock.advance(HOUR);
      const resent = await resendEvent(handle.db, event!.id, clock.now());
      assert.equal(resent!.status, "pending");
      assert.equal(resent!.attempts, 0);
      assert.equal(await resendEvent(handle.db, "evt_missing", clock.now()), null);
      assert.equal((await d.tick()).delivered, 1);
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[1]!.eventId, event!.id);
      assert.equal(receiver.received[1]!.body, receiver.received[0]!.body, "identical body bytes");
      assert.notEqual(
        receiver.received[1]!.headers["bitfinex-checkout-signature"],
        receiver.received[0]!.headers["bitfinex-checkout-signature"],
        "signed at its own time",
      );
      const { attempts } = (await findEventWithAttempts(handle.db, event!.id))!;
      assert.equal(attempts.length, 2);

      // A test event goes out even while a checkout's event is failing.
      const stuck = await seedCheckout(handle.db, clock.now());
      await move(handle.db, stuck.id, clock.now(), "expired");
      receiver.behave((req) => (JSON.parse(req.body).type === "test.ping" ? 200 : 500));
      await d.tick();
      const ping = await sendTestEvent(handle.db, clock.now(), "sandbox");
      assert.equal(ping.type, "test.ping");
      assert.equal(ping.checkoutId, null);
      assert.equal((await d.tick()).delivered, 1);
      const got = receiver.received.at(-1)!;
      assert.equal(got.eventId, ping.id);
      assert.deepEqual(JSON.parse(got.body), {
        id: ping.id,
        type: "test.ping",
        livemode: false,
        created: new Date(clock.now()).toISOString(),
        data: { message: "This is a test event from your Bitfinex Checkout." },
      });
    });

    it("tries a test ping once (no three days of retries), while a checkout event failing the same way is retried", async () => {
      receiver.behave(() => 500);
      const ping = await sendTestEvent(handle.db, clock.now(), "sandbox");
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "expired");
      const d = deliverer();
      const report = await d.tick();
      assert.deepEqual({ failed: report.failed, retrying: report.retrying }, { failed: 1, retrying: 1 });
      const stored = (await findEventWithAttempts(handle.db, ping.id))!;
      assert.equal(stored.event.status, "failed");
      assert.equal(stored.attempts.length, 1);
      clock.advance(RETRY_WINDOW_MS);
      await drain(d);
      assert.equal(receiver.received.filter((r) => r.eventId === ping.id).length, 1, "never sent again by itself");
      // "Resend" is the merchant asking again: one more attempt.
      receiver.behave(() => 200);
      await resendEvent(handle.db, ping.id, clock.now());
      assert.equal((await d.tick()).delivered, 1);
    });

    it("signs with MERCHANT_WEBHOOK_SECRET when it is configured, never with the stored secret", async () => {
      const envSecret = "cfg_secret_0123456789abcdefghijklmnopqrstuvwxyz";
      await sendTestEvent(handle.db, clock.now(), "sandbox");
      assert.equal((await deliverer({ envSecret }).tick()).delivered, 1);
      const got = receiver.received.at(-1)!;
      const header = String(got.headers["bitfinex-checkout-signature"]);
      assert.equal(verifyWebhook(got.body, header, envSecret, 300, clock.now()), true);
      const { secret: stored } = await getWebhookSettings(handle.db, null);
      assert.equal(verifyWebhook(got.body, header, stored, 300, clock.now()), false);
      const settings = await getWebhookSettings(handle.db, null, envSecret);
      assert.deepEqual([settings.secret, settings.secretSource], [envSecret, "environment"]);
    });

    it("lists events newest first, with filters, and counts them for the health check", async () => {
      receiver.behave(() => 500);
      const checkout = await seedCheckout(handle.db, clock.now());
      await move(handle.db, checkout.id, clock.now(), "confirming");
      await move(handle.db, checkout.id, clock.now(), "paid");
      const [e1, e2] = await eventsOf(handle.db, checkout.id);
      const listed = await listEvents(handle.db, { checkoutId: checkout.id });
      assert.deepEqual(
        listed.map((e) => e.id),
        [e2!.id, e1!.id],
      );
      assert.deepEqual(
        (await listEvents(handle.db, { checkoutId: checkout.id, limit: 1 })).map((e) => e.id),
        [e2!.id],
      );
      assert.deepEqual(
        (await listEvents(handle.db, { checkoutId: checkout.id, beforeSequence: e2!.sequence })).map((e) => e.id),
        [e1!.id],
      );
      assert.equal((await listEvents(handle.db, { status: "delivered", checkoutId: checkout.id })).length, 0);
      clock.advance(90_000);
      const health = await notificationHealth(handle.db, clock.now());
      assert.equal(health.pending, 2);
      assert.equal(health.oldestPendingSeconds, 90);
      assert.ok(health.failed >= 1, "earlier tests' leftovers count as failed");
      assert.equal(await findEventWithAttempts(handle.db, "evt_missing"), null);
    });

    it("start() delivers in the background, is woken at once by a new event, and stop() waits for it", async () => {
      const d = deliverer({ now: Date.now, idleMs: 60_000 });
      // The first poll, seen through tick(): after it the loop is idle for a minute.
      const firstPoll = new Promise<void>((resolve) => {
        const tick = d.tick.bind(d);
        d.tick = () => tick().finally(resolve);
      });
      d.start();
      try {
        await firstPoll;
        const checkout = await seedCheckout(handle.db, Date.now());
        await move(handle.db, checkout.id, Date.now(), "expired");
        await receiver.waitForRequests(1, 5000);
      } finally {
        await d.stop();
      }
      const count = await handle.db.select().from(notificationAttempts);
      assert.ok(count.length >= 1);
    });
  });
}
