// A graceful stop on PostgreSQL: two standalone instances (the deployable folder, `node start.mjs`)
// on one database behind one URL, our sandbox as Bitfinex, a merchant webhook receiver that takes
// 1.5 s to answer. Checkouts are paid so that events are being delivered; then the instance that
// holds the reconciler's lock gets SIGTERM while it has deliveries in flight and customers keep
// creating checkouts and starting payments. Checks: it exits 0; no request it accepted failed; the
// other instance takes the reconciler over; every event the app wrote reaches the receiver exactly
// once by event id (docs/webhooks.md: at least once, with repeats only after a crash, a late
// answer or a resend, none of which happens here), each after a single attempt.
// Needs PostgreSQL: TEST_DATABASE_URL (as two-instances.spec.ts). Figures:
// test-results/reliability-postgres-takeover.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createTestDatabase } from "../../test/support/test-database";
import {
  PORT_BASE,
  pool,
  startApp,
  startProxy,
  startReceiver,
  waitFor,
  writeFigures,
  type AppServer,
  type Receiver,
} from "./support/servers";
import { MERCHANT_KEY, Shop } from "./support/shop";
import { copyStandalone, startStandalone, type Standalone } from "./support/standalone";

const CHECKOUTS = 16;
/** Payment starts during the stop: each is a Bitfinex call, and Bitfinex allows 90 a minute per key. */
const STARTS_DURING_STOP = 8;
const NAMES = ["a", "b"] as const;

let bitfinex: AppServer;
let receiver: Receiver;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let database: { url: string; drop(): Promise<void> } | null = null;
let db: pg.Client | null = null;
const instances: Standalone[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const serverUrl = process.env.TEST_DATABASE_URL;
  // No silent skip: CI always provides PostgreSQL, and a run without it must say so.
  if (!serverUrl)
    throw new Error(
      "TEST_DATABASE_URL is not set. Start PostgreSQL with `export TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start)` (CI does this in .ci/run).",
    );
  // TEST_DATABASE_PREFIX: on a shared server, where this run may create its databases.
  database = await createTestDatabase(serverUrl, `${process.env.TEST_DATABASE_PREFIX ?? ""}rel_takeover`);
  bitfinex = await startApp({ name: "takeover-bitfinex", port: PORT_BASE + 24 });
  receiver = await startReceiver(PORT_BASE + 28, 1_500);
  proxy = await startProxy(PORT_BASE + 27, [PORT_BASE + 25, PORT_BASE + 26]);
  const folder = copyStandalone();
  const sandboxApi = `${bitfinex.url}/sandbox/bitfinex`;
  // Started together: the migrations are applied by one of them at a time.
  instances.push(
    ...(await Promise.all(
      NAMES.map((name, i) =>
        startStandalone({
          folder,
          port: PORT_BASE + 25 + i,
          env: {
            PORT: String(PORT_BASE + 25 + i),
            HOSTNAME: "127.0.0.1",
            DATA_DIR: mkdtempSync(join(tmpdir(), `bfx-takeover-${name}-`)),
            DATABASE_URL: database!.url,
            APP_URL: proxy.url,
            BFX_API_URL: sandboxApi,
            BFX_PUBLIC_API_URL: sandboxApi,
            // The same endpoint for both; the query only tells the receiver which instance sent.
            MERCHANT_WEBHOOK_URL: `${receiver.url}?via=${name}`,
            NEXTAUTH_SECRET: "takeover-instances-share-this-session-secret-0123",
            LINK_SIGNING_SECRET: "takeover-instances-share-this-link-secret-012345",
            RECONCILE_INTERVAL_MS: "2000",
          },
        }),
      ),
    )),
  );
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});

test.afterAll(async () => {
  mkdirSync("test-results/reliability-logs", { recursive: true });
  instances.forEach((app, i) => writeFileSync(`test-results/reliability-logs/takeover-${NAMES[i]}.log`, app.output()));
  for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill("SIGKILL");
  await Promise.all(instances.map((i) => i.exited));
  await db?.end();
  await bitfinex?.dispose();
  await proxy?.close();
  await receiver?.close();
  await database?.drop();
});

async function reconciles(app: Standalone): Promise<boolean> {
  const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  return ((await res.json()) as { reconciler: { lastTickAt: string | null } }).reconciler.lastTickAt !== null;
}

interface EventRow {
  id: string;
  type: string;
  checkout_id: string | null;
  status: string;
  attempts: number;
  claimed_until: Date | null;
}
const events = async () =>
  (
    await db!.query<EventRow>(
      "select id, type, checkout_id, status, attempts, claimed_until from notification_events where channel = 'merchant'",
    )
  ).rows;

/**
 * Customers and the merchant's backend, through the proxy, until `until()` says stop: create a
 * checkout, start its payment (the first STARTS_DURING_STOP of them), poll its status. Every answer is kept; a request the proxy could
 * not connect anywhere would be a 502.
 */
function customerLoad(until: () => boolean) {
  const answers: Array<{ what: string; status: number; body: string; at: number; ms: number }> = [];
  /** Checkouts with their payment started (an invoice at Bitfinex). */
  const created: string[] = [];
  let starts = STARTS_DURING_STOP;
  const call = async (what: string, path: string, init: RequestInit = {}) => {
    const at = Date.now();
    const res = await fetch(`${proxy.url}${path}`, { ...init, signal: AbortSignal.timeout(60_000) }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: Error) => ({ status: 0, body: String(e.cause ?? e) }),
    );
    answers.push({ what, ...res, at, ms: Date.now() - at });
    return res;
  };
  const worker = async (w: number) => {
    for (let n = 0; !until() && n < 200; n++) {
      const made = await call("create", "/api/v1/checkouts", {
        method: "POST",
        headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ amount: "9.00", currency: "USD", orderId: `load-${w}-${n}`, payCurrencies: ["BTC"] }),
      });
      if (made.status !== 201) continue;
      const id = (JSON.parse(made.body) as { id: string }).id;
      if (starts-- <= 0) {
        await call("status", `/api/checkouts/${id}/status`);
        continue;
      }
      const started = await call("start payment", `/api/checkouts/${id}/payment`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ payCurrency: "BTC" }),
      });
      if (started.status === 200) created.push(id);
      await call("status", `/api/checkouts/${id}/status`);
    }
  };
  const done = Promise.all([0, 1, 2, 3].map(worker));
  return { answers, created, done };
}

test("SIGTERM to the reconciling instance with deliveries in flight: exit 0, the other takes over, every event once", async () => {
  test.setTimeout(8 * 60_000);
  const shop = new Shop(proxy.url, bitfinex.url);
  // Exactly one instance holds the reconciler's lock.
  const leaderIndex = await waitFor(
    "one reconciling instance",
    async () => {
      const r = await Promise.all(instances.map(reconciles));
      return r.filter(Boolean).length === 1 ? r.indexOf(true) + 1 : null;
    },
    30_000,
    250,
  ).then((n) => n - 1);
  const leader = instances[leaderIndex]!;
  const survivor = instances[1 - leaderIndex]!;
  const leaderVia = `via=${NAMES[leaderIndex]}`;

  // Paid checkouts: their events queue up behind a receiver that takes 1.5 s for each.
  const paid = await pool(
    Array.from({ length: CHECKOUTS }, (_, i) => i),
    8,
    async (i) => {
      const { id } = await shop.createCheckout({ orderId: `takeover-${i}` });
      await shop.startPayment(id, "BTC", 60_000);
      await shop.control(`invoices/${id}/pay`);
      return id;
    },
  );

  // Customers keep coming while the instance stops.
  let stopLoad = false;
  const load = customerLoad(() => stopLoad);
  // The moment: the leader is delivering, customers are being served, and events are still waiting.
  const pendingAtStop = await waitFor(
    "the leader delivering with events waiting",
    async () => {
      if (receiver.inFlight(leaderVia) === 0 || load.answers.length < 8) return null;
      const pending = (await events()).filter((e) => e.status === "pending").length;
      return pending >= 5 ? pending : null;
    },
    120_000,
    50,
  );
  const leaderInFlight = receiver.inFlight(leaderVia);
  const sigtermAt = Date.now();
  leader.child.kill("SIGTERM");
  const exitedAt = leader.exited.then(() => Date.now());

  // The other instance takes the reconciler over (the lock is released when the leader's pool closes).
  await waitFor("the survivor to reconcile", () => reconciles(survivor), 60_000, 100);
  const takeoverMs = Date.now() - sigtermAt;
  const exitCode = await leader.exited;
  const exitedMs = (await exitedAt) - sigtermAt;
  stopLoad = true;
  await load.done;

  // The checkouts made during the stop are paid too: their events come from the survivor alone.
  for (const id of load.created) await shop.control(`invoices/${id}/pay`);
  const everyId = [...paid, ...load.created];
  const final = await waitFor(
    "every event delivered and received",
    async () => {
      const rows = await events();
      const received = new Set(receiver.deliveries.map((d) => d.id));
      const paidSeen = new Set(rows.filter((e) => e.type === "checkout.paid").map((e) => e.checkout_id));
      const complete =
        everyId.every((id) => paidSeen.has(id)) &&
        rows.every((e) => e.status === "delivered" && received.has(e.id)) &&
        receiver.inFlight() === 0;
      return complete ? rows : null;
    },
    180_000,
    250,
  );

  const ids = receiver.deliveries.map((d) => d.id);
  const unique = new Set(ids);
  const fromLeaderAfterStop = receiver.deliveries.filter((d) => d.path.includes(leaderVia) && d.at >= sigtermAt);
  const fromSurvivorAfterStop = receiver.deliveries.filter((d) => !d.path.includes(leaderVia) && d.at >= sigtermAt);
  const notAccepted = proxy.errors.filter((e) => /ECONNREFUSED/.test(e));
  const failedAccepted = proxy.errors.filter((e) => !/ECONNREFUSED/.test(e));
  const badAnswers = load.answers.filter((a) => a.status < 200 || a.status >= 300);
  const figures = {
    instances: 2,
    database: "PostgreSQL (one database)",
    checkoutsPaid: everyId.length,
    checkoutsMadeDuringStop: load.created.length,
    customerRequestsDuringStop: load.answers.length,
    customerRequestsFailed: badAnswers.length,
    slowestRequestsAroundSigterm: load.answers
      .filter((a) => a.at + a.ms >= sigtermAt)
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 3)
      .map((a) => `${a.what} ${a.status} ${a.ms} ms, sent ${a.at - sigtermAt} ms after SIGTERM`),
    requestsPerInstance: proxy.counts,
    connectionsRefusedAfterClose: notAccepted.length,
    acceptedRequestsFailed: failedAccepted.length,
    acceptedRequestsFailedSample: failedAccepted.slice(0, 3),
    leaderDeliveriesInFlightAtSigterm: leaderInFlight,
    leaderDeliveriesFinishedAfterSigterm: fromLeaderAfterStop.length,
    survivorDeliveriesAfterSigterm: fromSurvivorAfterStop.length,
    eventsPendingAtSigterm: pendingAtStop,
    eventsWritten: final.length,
    eventsReceived: ids.length,
    eventsReceivedDistinct: unique.size,
    duplicates: ids.length - unique.size,
    lost: final.filter((e) => !unique.has(e.id)).length,
    eventsWithMoreThanOneAttempt: final.filter((e) => e.attempts !== 1).length,
    reconcilerTakeoverSeconds: Math.round(takeoverMs / 100) / 10,
    leaderExitSeconds: Math.round(exitedMs / 100) / 10,
    leaderExitCode: exitCode,
  };
  writeFigures("postgres-takeover", figures);
  console.log(JSON.stringify(figures, null, 2));

  expect(exitCode, leader.output().slice(-3000)).toBe(0);
  expect(leader.output()).toContain("shutdown: database closed");
  expect(badAnswers, JSON.stringify(badAnswers.slice(0, 5))).toEqual([]);
  expect(failedAccepted).toEqual([]);
  expect(proxy.counts[leaderIndex], "the leader served customers before it stopped").toBeGreaterThan(0);
  // The deliveries in flight at SIGTERM were answered and recorded by the leader itself.
  expect(fromLeaderAfterStop.length).toBeGreaterThanOrEqual(leaderInFlight);
  expect(fromSurvivorAfterStop.length).toBeGreaterThan(0);
  expect(await reconciles(survivor)).toBe(true);
  expect(figures.lost).toBe(0);
  expect(figures.duplicates).toBe(0);
  expect(figures.eventsWithMoreThanOneAttempt).toBe(0);
  expect(final.every((e) => e.claimed_until === null)).toBe(true);
  expect(shop.seen.problems).toEqual([]);
});
