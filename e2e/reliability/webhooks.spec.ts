// Forged and lost webhooks. Bitfinex's Pay webhook is unsigned, so anyone can post one: a forged
// "COMPLETED" must mark nothing paid (the app re-fetches the invoice and believes only that).
// And Bitfinex sends it once: with every webhook dropped, paid checkouts must still become paid,
// by the reconciler alone, within its schedule (README: RECONCILE_INTERVAL_MS, default 4 s per
// tick; an open checkout is checked at least every 30 s, every 3 s while its page is open).
// Figures: test-results/reliability-webhooks.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import {
  PORT_BASE,
  pollPause,
  pool,
  reconcilerTicks,
  startApp,
  startReceiver,
  writeFigures,
  type AppServer,
  type Receiver,
} from "./support/servers";
import { MERCHANT_KEY, Shop, summary } from "./support/shop";

const INTERVAL_MS = 4000; // the default, stated explicitly
const figures: Record<string, unknown> = { reconcileIntervalMs: INTERVAL_MS };
let app: AppServer;
let receiver: Receiver;
let shop: Shop;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  receiver = await startReceiver(PORT_BASE + 11);
  app = await startApp({
    name: "webhooks",
    port: PORT_BASE + 10,
    env: { MERCHANT_WEBHOOK_URL: receiver.url, RECONCILE_INTERVAL_MS: String(INTERVAL_MS) },
  });
  shop = new Shop(app.url);
});

test.afterAll(async () => {
  writeFigures("webhooks", figures);
  await app?.dispose();
  await receiver?.close();
});

async function startedCheckout(orderId: string) {
  const { id } = await shop.createCheckout({ orderId });
  await shop.startPayment(id, "BTC", 60_000);
  const view = await shop.merchantView(id);
  return { id, invoiceId: view.invoices[0]!.bitfinexId! };
}

/** What Bitfinex would post for a completed invoice, made up by an attacker. */
function forgedCompleted(invoiceId: string, orderId: string) {
  const now = Date.now();
  return {
    id: invoiceId,
    t: now - 60_000,
    type: "ECOMMERCE",
    duration: 900,
    amount: 25,
    currency: "USD",
    orderId,
    payCurrencies: ["BTC"],
    status: "COMPLETED",
    invoices: [],
    payment: {
      txid: "f".repeat(64),
      amount: 0.00025,
      currency: "BTC",
      method: "BTC",
      status: "COMPLETED",
      confirmations: 6,
      created_at: now,
      updated_at: now,
      depositId: 1,
    },
    additionalPayments: [],
  };
}

test("a forged COMPLETED webhook marks nothing paid and sends no notification", async () => {
  test.setTimeout(3 * 60_000);
  const targets = await pool(
    Array.from({ length: 10 }, (_, i) => i),
    5,
    (i) => startedCheckout(`forged-${i}`),
  );
  const callsBefore = (await shop.sandboxState()).requests.total as number;
  const answers: Record<number, number> = {};
  const post = async (body: unknown) => {
    const res = await fetch(`${app.url}/api/bitfinex/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    answers[res.status] = (answers[res.status] ?? 0) + 1;
    const text = await res.text();
    expect(text).not.toMatch(/stack|ERR_|at \w+ \(/);
  };
  let sent = 0;
  // Each real invoice "completed" five times over, with the real order id and with the checkout id.
  for (let round = 0; round < 5; round++) {
    for (const t of targets) {
      await post(forgedCompleted(t.invoiceId, t.id));
      sent++;
    }
  }
  // Made-up invoice ids, a body with no id, and not JSON at all.
  for (let i = 0; i < 20; i++) {
    await post(forgedCompleted(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, `co_forged${i}`));
    sent++;
  }
  await post({ status: "COMPLETED" });
  await post("not json");
  sent += 2;
  // The reconciler gets three whole ticks to act on anything it might have believed (read from its health).
  await reconcilerTicks(app.url, 3, 6 * INTERVAL_MS + 10_000);
  const states = await Promise.all(targets.map(async (t) => (await shop.merchantView(t.id)).state));
  const callsForForged = ((await shop.sandboxState()).requests.total as number) - callsBefore;
  const notified = receiver.deliveries.filter((d) => targets.some((t) => t.id === d.checkoutId));
  Object.assign(figures, {
    forgedWebhooksSent: sent,
    forgedAnswers: answers,
    checkoutsTargeted: targets.length,
    markedPaidByForgery: states.filter((s) => s !== "awaiting_payment").length,
    notificationsForForgedCheckouts: notified.length,
    bitfinexCallsWhileForging: callsForForged,
  });
  expect(states).toEqual(targets.map(() => "awaiting_payment"));
  expect(notified).toEqual([]);
  // The re-fetches a flood can cause are capped (30 a minute, 1 per invoice per 2 s) plus the reconciler's ticks.
  expect(callsForForged).toBeLessThanOrEqual(30 + 10);

  // The same checkouts, really paid now (webhooks still arriving): paid, and notified once each.
  for (const t of targets) await shop.control(`invoices/${t.id}/pay`);
  for (const t of targets) await shop.waitForState(t.id, "paid", 60_000);
});

test("every Bitfinex webhook dropped: paid checkouts still become paid, by the reconciler alone", async () => {
  test.setTimeout(5 * 60_000);
  await shop.control("webhooks/drop", { count: 1000 });
  const N = 10;
  const watched = await pool(
    Array.from({ length: N }, (_, i) => i),
    5,
    (i) => startedCheckout(`lost-watched-${i}`),
  );
  const unwatched = await pool(
    Array.from({ length: N }, (_, i) => i),
    5,
    (i) => startedCheckout(`lost-unwatched-${i}`),
  );
  // Unwatched: nobody has the page open; the merchant's backend asks now and then (merchant API, no nudge).
  const merchantPoll = async (id: string, paidAt: number) => {
    for (;;) {
      const res = await fetch(`${app.url}/api/v1/checkouts/${id}`, {
        headers: { authorization: `Bearer ${MERCHANT_KEY}` },
      });
      if (((await res.json()) as { state: string }).state === "paid") return Date.now() - paidAt;
      if (Date.now() - paidAt > 120_000) throw new Error(`${id} not paid after 120 s`);
      await pollPause(500);
    }
  };
  const [watchedMs, unwatchedMs] = await Promise.all([
    Promise.all(
      watched.map(async (c) => {
        await shop.control(`invoices/${c.id}/pay`);
        return shop.waitForState(c.id, "paid", 120_000); // the page's poll, every 2 s
      }),
    ),
    Promise.all(
      unwatched.map(async (c) => {
        await shop.control(`invoices/${c.id}/pay`);
        return merchantPoll(c.id, Date.now());
      }),
    ),
  ]);
  const state = await shop.sandboxState();
  const ours = new Set([...watched, ...unwatched].map((c) => c.invoiceId));
  const hooks = (state.webhooks as Array<{ invoiceId: string; status: string }>).filter((w) => ours.has(w.invoiceId));
  Object.assign(figures, {
    lostWebhooks: {
      checkouts: 2 * N,
      webhooksDropped: hooks.filter((h) => h.status === "dropped").length,
      webhooksDelivered: hooks.filter((h) => h.status !== "dropped").length,
      paid: watchedMs.length + unwatchedMs.length,
      msToPaidWithPageOpen: summary(watchedMs),
      msToPaidNobodyWatching: summary(unwatchedMs),
    },
  });
  expect(hooks.length).toBe(2 * N);
  expect(hooks.every((h) => h.status === "dropped")).toBe(true);
  // Page open: checked within 3 s of a poll, on the next tick (plus the page's 2 s poll).
  expect(Math.max(...watchedMs)).toBeLessThanOrEqual(3_000 + 2 * INTERVAL_MS + 2_000 + 3_000);
  // Nobody watching: an open checkout is checked at least every 30 s.
  expect(Math.max(...unwatchedMs)).toBeLessThanOrEqual(30_000 + 2 * INTERVAL_MS + 3_000);
  await expect
    .poll(
      () =>
        receiver.deliveries.filter(
          (d) => d.type === "checkout.paid" && [...watched, ...unwatched].some((c) => c.id === d.checkoutId),
        ).length,
      { timeout: 30_000 },
    )
    .toBe(2 * N);
});
