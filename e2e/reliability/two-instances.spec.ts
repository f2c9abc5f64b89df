// Two instances, one PostgreSQL, behind one URL (a round-robin proxy), one Bitfinex API key.
// Customers and Bitfinex's webhooks land on either instance. Checks: exactly one reconciler at a
// time (and another takes over within seconds when it is killed), no duplicate notification, and
// no nonce error: every authenticated Bitfinex call of both instances is sent under one advisory
// lock with a nonce from a shared row (lib/server/shared-nonce.ts).
// Needs PostgreSQL: TEST_DATABASE_URL (CI sets it; locally `export TEST_DATABASE_URL=$(bash
// scripts/test-postgres.sh start)`). The test creates its own database there and drops it after.
// Figures: test-results/reliability-two-instances.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { createTestDatabase } from "../../test/support/test-database";
import {
  PORT_BASE,
  pool,
  reconcilerTicks,
  startApp,
  startProxy,
  startReceiver,
  waitFor,
  writeFigures,
  type AppServer,
  type Receiver,
} from "./support/servers";
import { MERCHANT_KEY, Shop, summary } from "./support/shop";

const CHECKOUTS = 60;
const outcomeOf = (i: number) => (i % 6 === 5 ? "underpaid" : "paid");
const EVENT_FOR: Record<string, string> = { paid: "checkout.paid", underpaid: "checkout.underpaid" };

let bitfinex: AppServer;
let instances: AppServer[] = [];
let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
let receiver: Receiver;
let database: { url: string; drop(): Promise<void> } | null = null;

async function health(app: AppServer) {
  const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as {
    reconciler: { lastTickAt: string | null };
    bitfinex: { errorsLastHour: number };
    notifications: { pending: number | null };
  };
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const serverUrl = process.env.TEST_DATABASE_URL;
  // No silent skip: CI always provides PostgreSQL, and a run without it must say so.
  if (!serverUrl)
    throw new Error(
      "TEST_DATABASE_URL is not set. Start PostgreSQL with `export TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start)` (CI does this in .ci/run).",
    );
  database = await createTestDatabase(serverUrl, "rel_two_instances");
  bitfinex = await startApp({ name: "two-bitfinex", port: PORT_BASE + 30 });
  receiver = await startReceiver(PORT_BASE + 34);
  proxy = await startProxy(PORT_BASE + 33, [PORT_BASE + 31, PORT_BASE + 32]);
  const sandboxApi = `${bitfinex.url}/sandbox/bitfinex`;
  const env = {
    DATABASE_URL: database.url,
    APP_URL: proxy.url, // both behind the same URL: links, redirects and Bitfinex's webhooks use it
    BFX_API_URL: sandboxApi,
    BFX_PUBLIC_API_URL: sandboxApi,
    MERCHANT_WEBHOOK_URL: receiver.url,
    NEXTAUTH_SECRET: "two-instances-share-this-session-secret-0123456789",
    LINK_SIGNING_SECRET: "two-instances-share-this-link-secret-0123456789",
    RECONCILE_INTERVAL_MS: "2000",
  };
  // Started together: the migrations are applied by one of them at a time.
  instances = await Promise.all([
    startApp({ name: "two-a", port: PORT_BASE + 31, env }),
    startApp({ name: "two-b", port: PORT_BASE + 32, env }),
  ]);
});

test.afterAll(async () => {
  for (const i of instances) await i.dispose();
  await bitfinex?.dispose();
  await proxy?.close();
  await receiver?.close();
  await database?.drop();
});

test("a change written through one instance is in the next poll and stream of the other: payment started, then paid", async () => {
  test.setTimeout(120_000);
  const [a, b] = instances as [AppServer, AppServer];
  const viaA = new Shop(a.url, bitfinex.url);
  const poll = async (app: AppServer, id: string) => {
    const res = await fetch(`${app.url}/api/checkouts/${id}/status`, { signal: AbortSignal.timeout(10_000) });
    return (await res.json()) as { state: string; payment: { payCurrency: string } | null };
  };
  /** How long until a poll of both instances shows it (polled every 10 ms, at most 2 s). */
  const seenOnBoth = async (id: string, what: string, check: (s: Awaited<ReturnType<typeof poll>>) => boolean) => {
    const written = Date.now();
    await waitFor(what, async () => (await Promise.all([a, b].map((app) => poll(app, id)))).every(check), 2_000, 10);
    return Date.now() - written;
  };
  const { id } = await viaA.createCheckout({ orderId: "fresh-across-instances" });
  // B answers it first, so a stale copy kept by B would show below.
  expect((await poll(b, id)).payment).toBeNull();
  const stream = await fetch(`${b.url}/api/checkouts/${id}/events`);
  expect(stream.status).toBe(200);
  const events: string[] = [];
  void (async () => {
    const reader = stream.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      events.push(...(new TextDecoder().decode(value).match(/"state":"\w+"/g) ?? []));
    }
  })();
  await viaA.startPayment(id, "UST-TRX", 60_000);
  const startedMs = await seenOnBoth(id, "the payment on both instances", (s) => s.payment?.payCurrency === "UST-TRX");
  await viaA.control(`invoices/${id}/pay`);
  await viaA.waitForState(id, "paid", 60_000);
  const paidMs = await seenOnBoth(id, "paid on both instances", (s) => s.state === "paid");
  await waitFor("B's stream to push paid", async () => events.includes('"state":"paid"'), 2_000, 10);
  console.log(JSON.stringify({ otherInstanceMs: { paymentStarted: startedMs, paid: paidMs } }));
});

test("every write path reaches the other instance's next poll within a second; a restarted instance answers what was written while it was down", async () => {
  test.setTimeout(180_000);
  const [a, b] = instances as [AppServer, AppServer];
  const viaA = new Shop(a.url, bitfinex.url);
  const { default: pg } = await import("pg");
  const db = new pg.Client({ connectionString: database!.url });
  await db.connect();
  /** What the database holds, as the status ETag it makes (version and state). */
  const truth = async (id: string) => {
    const { rows } = await db.query<{ version: number; state: string }>(
      "select version, state from checkouts where id = $1",
      [id],
    );
    return `W/"${rows[0]!.version}-${rows[0]!.state}"`;
  };
  const etag = async (app: AppServer, id: string) =>
    (await fetch(`${app.url}/api/checkouts/${id}/status`, { signal: AbortSignal.timeout(10_000) })).headers.get("etag");
  /** Both instances answer the checkout now, so a copy either one kept would be the stale one. */
  const warm = async (id: string) => {
    const want = await truth(id);
    expect(await Promise.all([a, b].map((app) => etag(app, id)))).toEqual([want, want]);
  };
  const lagMs: Record<string, number> = {};
  /**
   * After a write: the writing instance's very next poll answers it, and the other's within a second
   * (the change feed; a stale copy would be kept for 30 s). Polled every 10 ms.
   */
  async function agree(id: string, what: string, writer?: AppServer) {
    const want = await truth(id);
    if (writer) expect(await etag(writer, id), `${what}: the writing instance's next poll`).toBe(want);
    const started = Date.now();
    await waitFor(
      `${what}, on both instances`,
      async () => (await Promise.all([a, b].map((app) => etag(app, id)))).every((e) => e === want),
      1_000,
      10,
    );
    lagMs[what] = Date.now() - started;
  }
  /** A write the app makes by itself (on Bitfinex's webhook, or the reconciler's turn) has committed. */
  const committed = async (id: string, state: string) => {
    let last = "";
    await waitFor(
      `${state} in the database`,
      async () => (last = await truth(id)).endsWith(`-${state}"`),
      60_000,
      20,
    ).catch(async (e: Error) => {
      // Bitfinex's 429 pauses every call of both instances for a minute: say so if that is why.
      const requests = (await viaA.sandboxState()).requests as { recent: Array<{ apiPath: string; status: number }> };
      const refused = requests.recent.filter((r) => r.status === 429).map((r) => r.apiPath);
      throw new Error(`${e.message}; the database has ${last}; Bitfinex answered 429 to [${refused.join(", ")}]`);
    });
  };

  try {
    const { id } = await viaA.createCheckout({ orderId: "every-write-path" });
    await warm(id);
    await viaA.startPayment(id, "BTC", 60_000);
    await agree(id, "payment started", a);

    await warm(id);
    await viaA.control(`invoices/${id}/underpay`, { fraction: "0.4" });
    await committed(id, "underpaid");
    await agree(id, "underpaid (Bitfinex's webhook, to either instance)");

    await warm(id);
    await viaA.control("webhooks/drop", { count: 1 });
    await viaA.control(`invoices/${id}/pay`);
    await committed(id, "paid");
    await agree(id, "paid (the reconciler alone)");

    await warm(id);
    const refund = await fetch(`${a.url}/api/v1/checkouts/${id}/refunds`, {
      method: "POST",
      headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ amount: "0.00001", address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(refund.status, await refund.clone().text()).toBe(201);
    await agree(id, "refunded (merchant API)", a);

    // B stops; a payment starts through A while it is down; B's first poll after starting again has it.
    const { id: second } = await viaA.createCheckout({ orderId: "written-while-down" });
    await warm(second);
    await b.kill9();
    await viaA.startPayment(second, "UST-TRX", 60_000);
    await b.restart();
    expect(await etag(b, second), "the restarted instance's first poll").toBe(await truth(second));
    // And it hears the feed again: a change through A reaches it as before.
    await warm(second);
    await viaA.control(`invoices/${second}/pay`);
    await committed(second, "paid");
    await agree(second, "paid, after B restarted");
    console.log(JSON.stringify({ otherInstanceLagMs: lagMs }));
  } finally {
    await db.end();
  }
});

test("one reconciler, no duplicate notification, no nonce error; failover when the leader dies", async () => {
  test.setTimeout(10 * 60_000);
  const shop = new Shop(proxy!.url, bitfinex.url);
  const nonceBefore = (await shop.sandboxState()).requests.nonceRejected as number;

  const results = await pool(
    Array.from({ length: CHECKOUTS }, (_, i) => i),
    10,
    async (i) => {
      const expected = outcomeOf(i);
      const { id } = await shop.createCheckout({ orderId: `two-${i}` });
      await shop.startPayment(id, i % 2 ? "BTC" : "UST-TRX", 120_000);
      if (expected === "paid") await shop.control(`invoices/${id}/pay`);
      else await shop.control(`invoices/${id}/underpay`, { fraction: "0.4" });
      return { id, expected, ms: await shop.waitForState(id, expected, 120_000) };
    },
  );

  // Exactly one of the two reconciles.
  const [ha, hb] = await Promise.all(instances.map(health));
  const leaders = [ha!, hb!].filter((h) => h.reconciler.lastTickAt !== null).length;
  await waitFor(
    "every notification",
    async () =>
      results.every((r) => receiver.deliveries.some((d) => d.checkoutId === r.id && d.type === EVENT_FOR[r.expected])),
    60_000,
    500,
  ).catch(() => null);
  // No delivery on its way (a duplicate would be one): none pending in the outbox the two share, none in flight.
  await waitFor(
    "the outbox to be empty and no delivery in flight",
    async () =>
      receiver.inFlight() === 0 &&
      (await Promise.all(instances.map(health))).every((h) => h.notifications.pending === 0),
    60_000,
    200,
  );
  const ids = receiver.deliveries.map((d) => d.id);
  const perCheckoutType = new Map<string, number>();
  for (const d of receiver.deliveries)
    perCheckoutType.set(`${d.checkoutId}:${d.type}`, (perCheckoutType.get(`${d.checkoutId}:${d.type}`) ?? 0) + 1);
  const views = await Promise.all(results.map((r) => shop.merchantView(r.id)));
  const state = await shop.sandboxState();
  const nonceRejected = (state.requests.nonceRejected as number) - nonceBefore;
  const nonceLogLines = instances.map((i) => (i.output().match(/ nonce http=/g) ?? []).length);
  // Not asserted: each instance keeps its own rate budget (docs/RELIABILITY.md, "Known limit").
  const bitfinex429s = instances.map((i) => (i.output().match(/ http=429 /g) ?? []).length);

  // Failover: kill -9 the leader; the other takes the lock, and checkouts paid with every
  // Bitfinex webhook lost still become paid through it.
  const leader = ha!.reconciler.lastTickAt !== null ? 0 : 1;
  const survivor = instances[1 - leader]!;
  const killedAt = Date.now();
  await instances[leader]!.kill9();
  await waitFor(
    "the survivor to reconcile",
    async () => (await health(survivor)).reconciler.lastTickAt !== null,
    30_000,
    200,
  );
  const failoverMs = Date.now() - killedAt;
  await shop.control("webhooks/drop", { count: 100 });
  const after = await pool(
    Array.from({ length: 5 }, (_, i) => i),
    5,
    async (i) => {
      const { id } = await shop.createCheckout({ orderId: `two-after-${i}` });
      await shop.startPayment(id, "BTC", 60_000);
      await shop.control(`invoices/${id}/pay`);
      return shop.waitForState(id, "paid", 60_000);
    },
  );
  // The killed one comes back as a follower.
  await instances[leader]!.restart();
  // Two whole ticks of the survivor's after the restart: the restarted one, on the same interval, has
  // tried for the lock meanwhile.
  await reconcilerTicks(survivor.url, 2, 60_000);
  const leadersAfterRestart = (await Promise.all(instances.map(health))).filter(
    (h) => h.reconciler.lastTickAt !== null,
  ).length;
  const nonceRejectedTotal = ((await shop.sandboxState()).requests.nonceRejected as number) - nonceBefore;

  const figures = {
    instances: 2,
    database: "PostgreSQL (one database, two pools)",
    checkouts: CHECKOUTS,
    requestsPerInstance: proxy!.counts,
    // Connections the proxy could not make (the killed instance), each retried on the other one.
    proxyConnectionsRefused: proxy!.errors.length,
    bitfinexCalls: state.requests.total,
    reconcilersRunning: leaders,
    reconcilersAfterRestart: leadersAfterRestart,
    nonceRejectedByBitfinex: nonceRejected,
    nonceRejectedIncludingFailover: nonceRejectedTotal,
    nonceErrorsInLogs: nonceLogLines,
    rateLimitedByBitfinex: bitfinex429s,
    wrongFinalStates: views.filter((v, i) => v.state !== results[i]!.expected).length,
    duplicateInvoices: (state.duplicateOrderIds as string[]).length,
    notificationsDelivered: ids.length,
    notificationDuplicateIds: ids.length - new Set(ids).size,
    notificationsPerCheckoutAndTypeAboveOne: [...perCheckoutType.values()].filter((n) => n > 1).length,
    msFromPaymentToState: summary(results.map((r) => r.ms)),
    failoverSeconds: Math.round(failoverMs / 100) / 10,
    paidAfterFailoverWithWebhooksLost: after.length,
    msToPaidAfterFailover: summary(after),
  };
  writeFigures("two-instances", figures);
  console.log(JSON.stringify(figures, null, 2));

  expect(
    proxy!.counts.every((n) => n > CHECKOUTS),
    "both instances served customers",
  ).toBe(true);
  expect(leaders).toBe(1);
  expect(leadersAfterRestart).toBe(1);
  expect(nonceRejectedTotal).toBe(0);
  expect(nonceLogLines).toEqual([0, 0]);
  expect(figures.wrongFinalStates).toBe(0);
  expect(figures.duplicateInvoices).toBe(0);
  expect(figures.notificationDuplicateIds).toBe(0);
  expect(figures.notificationsPerCheckoutAndTypeAboveOne).toBe(0);
  expect(
    results.every((r) => receiver.deliveries.some((d) => d.checkoutId === r.id && d.type === EVENT_FOR[r.expected])),
  ).toBe(true);
  expect(after.length).toBe(5);
  expect(shop.seen.problems).toEqual([]);
});
