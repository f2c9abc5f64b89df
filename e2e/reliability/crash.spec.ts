// Crashes: the app is killed with SIGKILL (kill -9) three times while customers pay — once with
// merchant notifications in flight, once with payment starts in flight, once at random — and
// restarted on the same DATA_DIR (embedded PGlite). Bitfinex (a second process: the sandbox of
// another app instance) keeps running, takes payments while the app is down, and its webhooks to
// the dead app are lost. Afterwards: every checkout in its right state, one invoice each, and
// every state change notified to the merchant (at least once; repeats are counted).
// Figures: test-results/reliability-crash.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import {
  PORT_BASE,
  scenarioTime,
  startApp,
  startReceiver,
  waitFor,
  writeFigures,
  type AppServer,
  type Receiver,
} from "./support/servers";
import { Shop } from "./support/shop";

const CHECKOUTS = 30;
const outcomeOf = (i: number) => (i % 5 === 4 ? "underpaid" : "paid");
const EVENT_FOR: Record<string, string> = { paid: "checkout.paid", underpaid: "checkout.underpaid" };

let bitfinex: AppServer;
let app: AppServer;
let receiver: Receiver;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // "Bitfinex": an instance whose only job is its sandbox.
  bitfinex = await startApp({ name: "crash-bitfinex", port: PORT_BASE + 20 });
  // The merchant's endpoint answers after 2 s, so deliveries are in flight when the app dies.
  receiver = await startReceiver(PORT_BASE + 22, 2_000);
  const sandboxApi = `${bitfinex.url}/sandbox/bitfinex`;
  app = await startApp({
    name: "crash-app",
    port: PORT_BASE + 21,
    env: {
      BFX_API_URL: sandboxApi,
      BFX_PUBLIC_API_URL: sandboxApi,
      MERCHANT_WEBHOOK_URL: receiver.url,
      RECONCILE_INTERVAL_MS: "2000",
    },
  });
});

test.afterAll(async () => {
  await app?.dispose();
  await bitfinex?.dispose();
  await receiver?.close();
});

test("kill -9 while customers pay and notifications are in flight: nothing lost after restart", async () => {
  test.setTimeout(10 * 60_000);
  const shop = new Shop(app.url, bitfinex.url);
  const checkouts: Array<{ id: string; expected: string }> = [];
  for (let i = 0; i < CHECKOUTS; i++)
    checkouts.push({ ...(await shop.createCheckout({ orderId: `crash-${i}` })), expected: outcomeOf(i) });

  // Three more, started now and paid while the app is down (one per crash): Bitfinex's webhook
  // for each goes to a dead app and is lost; only the reconciler can find those payments.
  const paidWhileDown: Array<{ id: string; expected: string }> = [];
  for (let i = 0; i < 3; i++) {
    const c = { ...(await shop.createCheckout({ orderId: `crash-down-${i}` })), expected: "paid" };
    await shop.startPayment(c.id, "BTC", 60_000);
    paidWhileDown.push(c);
  }

  let done = 0;
  const customers = Promise.all(
    checkouts.map(async (c, i) => {
      await scenarioTime(i * 700); // customers arrive over ~20 s
      await shop.startPayment(c.id, "BTC", 180_000);
      if (c.expected === "paid") await shop.control(`invoices/${c.id}/pay`);
      else await shop.control(`invoices/${c.id}/underpay`, { fraction: "0.5" });
      await shop.waitForState(c.id, c.expected, 240_000);
      done++;
    }),
  );

  const kills: Array<{
    when: string;
    deliveriesInFlight: number;
    paymentStartsInFlight: number;
    checkoutsDone: number;
    restartMs: number;
  }> = [];
  const crash = async (when: string) => {
    const snapshot = {
      when,
      deliveriesInFlight: receiver.inFlight(),
      paymentStartsInFlight: shop.startsInFlight,
      checkoutsDone: done,
    };
    await app.kill9();
    const paid = paidWhileDown[kills.length]!.id;
    await shop.control(`invoices/${paid}/pay`);
    // Down until Bitfinex's webhook for that payment has hit the dead app and is lost (its sandbox says so).
    await waitFor(
      "Bitfinex's webhook to the dead app to fail",
      async () => {
        const state = await shop.sandboxState();
        const invoice = (state.payInvoices as Array<{ id: string; orderId: string }>).find((i) => i.orderId === paid);
        return (state.webhooks as Array<{ invoiceId: string; status: string }>).some(
          (w) => w.invoiceId === invoice?.id && w.status === "failed",
        );
      },
      30_000,
      100,
    );
    const t = Date.now();
    await app.restart();
    kills.push({ ...snapshot, restartMs: Date.now() - t });
  };
  await waitFor("a notification in flight", async () => receiver.inFlight() > 0, 60_000, 50);
  await crash("notification in flight");
  await waitFor("a payment start in flight", async () => shop.startsInFlight > 0, 60_000, 20);
  await crash("payment start in flight");
  // At a random point of the customers' traffic: after one to four more of them are done.
  const doneBefore = done;
  const more = 1 + Math.floor(Math.random() * 4);
  await waitFor("more customers done", async () => done >= Math.min(doneBefore + more, checkouts.length), 240_000, 50);
  await crash("at random");
  await customers;
  for (const c of paidWhileDown) await shop.waitForState(c.id, "paid", 120_000);
  checkouts.push(...paidWhileDown);

  // Every checkout in its right state, with one invoice (no duplicate after a crash mid-create).
  const views = await Promise.all(checkouts.map((c) => shop.merchantView(c.id)));
  const wrong = views.filter((v, i) => v.state !== checkouts[i]!.expected).map((v) => `${v.id}: ${v.state}`);
  const invoiceCounts = views.map((v) => v.invoices.length);
  const state = await shop.sandboxState();
  const ours = new Set(checkouts.map((c) => c.id));
  const duplicates = (state.duplicateOrderIds as string[]).filter((id) => ours.has(id));
  const webhooksToDeadApp = (state.webhooks as Array<{ status: string; url: string }>).filter(
    (w) => w.url.startsWith(app.url) && w.status === "failed",
  ).length;

  // Every state change reaches the merchant; claims of the killed process expire (60 s lease) and are sent again.
  const missing = () =>
    checkouts.filter(
      (c) => !receiver.deliveries.some((d) => d.checkoutId === c.id && d.type === EVENT_FOR[c.expected]),
    );
  await waitFor("every notification", async () => missing().length === 0, 150_000, 1000).catch(() => null);
  // …and the outbox agrees: nothing pending, once the dead process's claims (60 s lease) have expired and been sent again.
  const pendingNow = async () =>
    ((await (await fetch(`${app.url}/api/health`)).json()) as { notifications: { pending: number } }).notifications
      .pending;
  const pendingAtEnd = await waitFor(
    "no notification pending",
    async () => ((await pendingNow()) === 0 ? "none" : null),
    150_000,
    1000,
  ).catch(async () => String(await pendingNow()));
  const ids = receiver.deliveries.map((d) => d.id);

  const figures = {
    checkouts: checkouts.length,
    paidWhileAppDown: paidWhileDown.length,
    kills: kills.length,
    killMoments: kills,
    wrongFinalStates: wrong.length,
    checkoutsWithOneInvoice: invoiceCounts.filter((n) => n === 1).length,
    duplicateInvoices: duplicates.length,
    bitfinexWebhooksLostWhileDown: webhooksToDeadApp,
    notificationsMissing: missing().length,
    notificationsDelivered: ids.length,
    notificationsRedelivered: ids.length - new Set(ids).size,
    notificationsPendingAtEnd: pendingAtEnd === "none" ? 0 : Number(pendingAtEnd),
    customerProblems: shop.seen.problems.length,
    customerAnswers: shop.seen.answers,
  };
  writeFigures("crash", figures);
  console.log(JSON.stringify(figures, null, 2));

  expect(kills.map((k) => k.when)).toEqual(["notification in flight", "payment start in flight", "at random"]);
  expect(kills[0]!.deliveriesInFlight).toBeGreaterThan(0);
  expect(kills[1]!.paymentStartsInFlight).toBeGreaterThan(0);
  expect(wrong).toEqual([]);
  expect(invoiceCounts.every((n) => n === 1)).toBe(true);
  expect(duplicates).toEqual([]);
  expect(missing().map((c) => c.id)).toEqual([]);
  expect(pendingAtEnd, "notifications still pending in the outbox").toBe("none");
  expect(webhooksToDeadApp, "Bitfinex webhooks sent while the app was down were lost").toBeGreaterThanOrEqual(3);
  expect(shop.seen.problems).toEqual([]);
});
