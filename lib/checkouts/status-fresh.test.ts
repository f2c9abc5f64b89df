/**
 * The status cache cannot go stale: every way the app writes a checkout (a payment started on
 * either rail, Bitfinex's webhook, the reconciler's payment and expiry, the sandbox's controls,
 * the merchant's expiry, a refund, the watch's checks brought forward) changes what the very next
 * cached poll on this instance answers, and the change feed's announcement, arriving after,
 * never takes it back. The feed's announcements are held back here until each check is done,
 * so only the writer's own hand-over to the cache can pass it; another instance has only the
 * feed (e2e/reliability/two-instances.spec.ts checks that one, and a restart, over HTTP).
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import type { DbHandle } from "../db/connect";
import { expireCheckoutNow } from "../dashboard/checkout-actions";
import { requestRefund } from "../refunds/request";
import { handleCheckoutControl } from "../sandbox/checkout-control";
import { ChangeFeed } from "./change-feed";
import { findCheckout, findInvoices } from "./repository";
import * as checkoutStore from "./store/checkouts";
import { startPayment } from "./start-payment";
import { findCheckoutStatus } from "./status-read";
import { noteWatched } from "./watch";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";

const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

/** A change feed that is live but keeps the announcements it hears until `release`. */
function heldFeed(handle: DbHandle) {
  const feed = new ChangeFeed();
  const held: string[] = [];
  let deliver: ((payload: string) => void) | null = null;
  const start = feed.start({
    listen: (channel, handlers) => {
      deliver = handlers.message;
      return handle.listen(channel, { ...handlers, message: (payload) => held.push(payload) });
    },
  });
  return {
    feed,
    start,
    /** Hands over what was heard, once the announcement of `version` of checkout `id` is in. */
    async release(id: string, version: number) {
      const deadline = Date.now() + 5_000;
      const heard = () =>
        held.some((p) => {
          const a = JSON.parse(p) as { id: string; version?: number };
          return a.id === id && (a.version ?? 0) >= version;
        });
      while (!heard()) {
        if (Date.now() > deadline) throw new Error(`the feed did not announce version ${version} of ${id}`);
        await new Promise((r) => setImmediate(r));
      }
      for (const payload of held.splice(0)) deliver!(payload);
    },
  };
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`the status cache after every write path, on ${dbName}`, () => {
    let engine: Engine;
    let held: ReturnType<typeof heldFeed>;
    before(async () => {
      engine = await startEngine(openDb);
      held = heldFeed(engine.handle);
      await held.start;
      for (let i = 0; i < 500 && !held.feed.live; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(held.feed.live, true, "the feed listens");
    });
    after(async () => {
      await held.feed.stop();
      await engine.close();
    });

    const cachedPoll = (id: string) => findCheckoutStatus(engine.deps.db, id, { cached: true });
    const truth = (id: string) => findCheckoutStatus(engine.deps.db, id);

    /**
     * Warms the cache with the checkout's current answer, runs `write`, then checks the very next
     * cached poll answers what the database holds, and still does once the feed's announcement
     * of it is handed over.
     */
    async function afterWrite(id: string, what: string, write: () => Promise<unknown>) {
      const before = (await cachedPoll(id))!;
      assert.deepEqual(before, await truth(id), `${what}: the cache was current before`);
      await write();
      const now = (await truth(id))!;
      assert.notDeepEqual(now, before, `${what}: the write changed the status`);
      assert.deepEqual(await cachedPoll(id), now, `${what}: the next poll answers the write`);
      await held.release(id, now.version);
      assert.deepEqual(await cachedPoll(id), now, `${what}: the feed's announcement keeps it`);
    }

    const findInvoicesOf = async (id: string) => {
      const [invoice] = await findInvoices(engine.deps.db, id);
      return invoice ? { invoice } : null;
    };

    /** Polls until the checkout reaches `state` in the database (work the sandbox's webhook set off). */
    async function settles(id: string, state: string) {
      const deadline = Date.now() + 5_000;
      while ((await findCheckout(engine.deps.db, id))!.state !== state) {
        if (Date.now() > deadline) throw new Error(`${id} did not become ${state}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }

    it("every writer of the checkouts repository is covered below (a new writer needs a case here)", () => {
      // Readers, then writers; each writer is reached by at least one path in this file.
      assert.deepEqual(Object.keys(checkoutStore).sort(), [
        "addRefunded", // a refund
        "bringCheckForward", // the watch
        "changeCheckout", // payment start, webhook, reconciler, merchant's expiry
        "findCheckout",
        "findTransitions",
        "getCheckoutOrThrow",
        "insertCheckout", // a new checkout: nothing cached yet (first test)
        "markTosReported", // not a status column (the feed test proves such a write is not announced)
        "moveExpiry", // the sandbox's expire-now
        "rememberLocale", // not a status column
        "scheduleNextCheck", // the reconciler (missed or unknown invoices)
        "updateCheckout", // under changeCheckout
      ]);
    });

    it("a new checkout, a payment started on Bitfinex Pay, paid through Bitfinex's webhook, refunded", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      assert.deepEqual(await cachedPoll(checkout.id), await truth(checkout.id));
      let upstreamId = "";
      await afterWrite(checkout.id, "payment started (Pay)", async () => {
        upstreamId = (await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" })).invoice!.upstreamId!;
      });
      await afterWrite(checkout.id, "paid (Bitfinex's webhook)", async () => {
        await engine.harness.control(`invoices/${upstreamId}/pay`, { payCurrency: "BTC" });
        await settles(checkout.id, "paid");
      });
      await afterWrite(checkout.id, "refunded", () =>
        requestRefund(engine.deps, checkout.id, { amount: "full", address: BTC_MAIN }, { requestedBy: "test" }),
      );
    });

    it("underpaid, then paid, seen by the reconciler alone (Bitfinex's webhooks lost)", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "UST-TRX" });
      await engine.harness.control("webhooks/drop", { count: 2 });
      await afterWrite(checkout.id, "underpaid (reconciler)", async () => {
        await engine.harness.control(`invoices/${invoice!.upstreamId}/underpay`, { fraction: "0.4" });
        engine.advance(31_000); // the next check is due
        await engine.reconciler.tick();
      });
      await afterWrite(checkout.id, "paid (reconciler)", async () => {
        await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, {});
        engine.advance(31_000);
        await engine.reconciler.tick();
      });
    });

    it("a check that finds nothing new reschedules without moving the version: pages keep their ETag, streams stay quiet", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC"] });
      await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      // The first check records that nothing is paid yet (amountPaid null → 0): news, once.
      engine.advance(31_000);
      await engine.reconciler.tick();
      const before = (await truth(checkout.id))!;
      assert.equal(before.amountPaid !== null && Number(before.amountPaid), 0);
      await afterWrite(checkout.id, "a check with no news (reconciler)", async () => {
        engine.advance(31_000); // the next check is due
        await engine.reconciler.tick();
      });
      const after = (await truth(checkout.id))!;
      assert.equal(after.version, before.version, "the ETag is the same");
      assert.notEqual(after.nextCheckAt?.getTime(), before.nextCheckAt?.getTime(), "the next check moved");
      // And news moves it: a payment seen.
      const { invoice } = (await findInvoicesOf(checkout.id))!;
      await engine.harness.control("webhooks/drop", { count: 1 });
      await engine.harness.control(`invoices/${invoice.upstreamId}/underpay`, { fraction: "0.5" });
      engine.advance(31_000);
      await engine.reconciler.tick();
      assert.ok((await truth(checkout.id))!.version > after.version);
    });

    it("a Lightning invoice, the sandbox's expire-now, then the reconciler's expiry", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "LNX"] });
      await afterWrite(checkout.id, "payment started (Lightning)", () =>
        startPayment(engine.deps, checkout.id, { payCurrency: "LNX" }),
      );
      await afterWrite(checkout.id, "sandbox expire-now", async () => {
        const answer = await handleCheckoutControl(
          engine.deps,
          engine.harness.server.api,
          `checkouts/${checkout.id}/expire-now`,
          {},
        );
        assert.equal(answer?.status, 200);
      });
      await afterWrite(checkout.id, "expired (reconciler)", async () => {
        for (let i = 0; i < 3 && (await findCheckout(engine.deps.db, checkout.id))!.state !== "expired"; i++)
          await engine.reconciler.tick();
      });
    });

    it("checks brought forward by a watching page, or put off by the reconciler; expired by the merchant", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC"] });
      await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      // The next check is 30 s away: a page watching brings it forward to a few seconds.
      await afterWrite(checkout.id, "the watch", async () => noteWatched(engine.deps, (await truth(checkout.id))!));
      // What the reconciler does with invoices a list call missed, or Bitfinex did not know.
      await afterWrite(checkout.id, "scheduled later", () =>
        checkoutStore.scheduleNextCheck(engine.deps.db, checkout.id, new Date(engine.deps.now() + 60_000)),
      );
      await afterWrite(checkout.id, "expired by the merchant", () => expireCheckoutNow(engine.deps, checkout.id));
    });
  });
}
