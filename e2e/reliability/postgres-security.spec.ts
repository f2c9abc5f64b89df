// Security on PostgreSQL (DATABASE_URL):
// - two instances share one limit: a client that alternates between them gets 20 checkouts in all,
//   not 20 each, and its failed sign-ins count on both; a restarted instance remembers them;
// - during a database outage the public /api/health answers codes and counts only: no SQL, no
//   database host, port, user or name (those stay on the signed-in dashboard's health page).
// Needs PostgreSQL: TEST_DATABASE_URL (CI sets it; locally `export TEST_DATABASE_URL=$(bash
// scripts/test-postgres.sh start)`). Each test makes its own database there and drops it after.
// Figures: test-results/reliability-postgres-security.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { createTestDatabase } from "../../test/support/test-database";
import { keyHeader, signInCookie } from "./support/fixtures";
import { PORT_BASE, startApp, startTcpRelay, waitFor, writeFigures, type AppServer } from "./support/servers";

const figures: Record<string, unknown> = {
  command:
    "npx next build && E2E_PORT=5100 TEST_DATABASE_URL=… npx playwright test e2e/reliability/postgres-security.spec.ts",
};
const cleanup: Array<() => Promise<unknown>> = [];

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  // No silent skip: CI always provides PostgreSQL, and a run without it must say so.
  if (!url)
    throw new Error(
      "TEST_DATABASE_URL is not set. Start PostgreSQL with `export TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start)` (CI does this in .ci/run).",
    );
  return url;
}

test.afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  writeFigures("postgres-security", figures);
});

test("two instances on one PostgreSQL share one limit, and a restarted instance remembers it", async () => {
  test.setTimeout(240_000);
  const database = await createTestDatabase(serverUrl(), "rel_shared_limits");
  cleanup.push(() => database.drop());
  const env = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "shared-limits-session-secret-0123456789abcdef",
    LINK_SIGNING_SECRET: "shared-limits-link-secret-0123456789abcdef",
  };
  const [a, b] = await Promise.all([
    startApp({ name: "limits-pg-a", port: PORT_BASE + 42, env }),
    startApp({ name: "limits-pg-b", port: PORT_BASE + 43, env }),
  ]);
  cleanup.push(
    () => a.dispose(),
    () => b.dispose(),
  );
  const link = await (
    await fetch(`${a.url}/api/v1/payment-links`, {
      method: "POST",
      headers: { ...keyHeader, "content-type": "application/json" },
      body: JSON.stringify({ name: "Mug", amount: "5.00", currency: "USD" }),
    })
  ).json();
  const visit = (app: AppServer, address: string) =>
    fetch(`${app.url}/l/${link.id}`, { redirect: "manual", headers: { "x-forwarded-for": address } });

  // One client, every other request on the other instance.
  const made = [0, 0];
  let refused = 0;
  for (let i = 0; i < 30; i++) {
    const res = await visit(i % 2 ? b : a, "198.51.100.70");
    if (res.status === 303) made[i % 2]! += 1;
    else if (res.status === 429) refused++;
  }
  expect(made[0]! + made[1]!, "20 in all, not 20 per instance").toBe(20);
  expect(
    made.every((n) => n > 0),
    "both instances made some",
  ).toBe(true);
  expect(refused).toBe(10);

  // Failed sign-ins count on both: 5 wrong passwords split over the two, then the right one is refused on either.
  for (let i = 0; i < 5; i++)
    expect(
      (await signInCookie(i % 2 ? b.url : a.url, "wrong", { "x-forwarded-for": "198.51.100.71" })).cookie,
    ).toBeNull();
  for (const app of [a, b]) {
    const right = await signInCookie(app.url, "sandbox", { "x-forwarded-for": "198.51.100.71" });
    expect(right.cookie, app.name).toBeNull();
    expect(right.location, app.name).toContain("error=rate_limited");
  }

  // A restart forgets nothing: the limits are in the database.
  await a.restart();
  expect((await visit(a, "198.51.100.70")).status, "the client is still limited after a restart").toBe(429);
  expect((await signInCookie(a.url, "sandbox", { "x-forwarded-for": "198.51.100.71" })).location).toContain(
    "error=rate_limited",
  );
  // Another client is not.
  expect((await visit(a, "198.51.100.72")).status).toBe(303);
  expect((await signInCookie(b.url, "sandbox", { "x-forwarded-for": "198.51.100.73" })).cookie).not.toBeNull();
  figures.sharedLimits = {
    instances: 2,
    checkoutsPerInstance: made,
    refusedAfterLimit: refused,
    signInFailuresAcrossInstancesBeforeLimit: 5,
    limitKeptAcrossRestart: true,
  };
});

test("the public health answer of a database outage contains no SQL, host or user; the dashboard shows the error", async () => {
  test.setTimeout(180_000);
  const database = await createTestDatabase(serverUrl(), "rel_health_outage");
  cleanup.push(() => database.drop());
  const target = new URL(database.url);
  const relay = await startTcpRelay(PORT_BASE + 45, Number(target.port));
  cleanup.push(() => relay.cut());
  const viaRelay = new URL(database.url);
  viaRelay.port = String(relay.port);
  const app = await startApp({
    name: "health-outage",
    port: PORT_BASE + 44,
    env: { DATABASE_URL: viaRelay.toString(), RECONCILE_INTERVAL_MS: "1000" },
  });
  cleanup.push(() => app.dispose());
  const session = (await signInCookie(app.url, "sandbox", { "x-forwarded-for": "198.51.100.80" })).cookie!;
  expect(session).not.toBeNull();
  const before = await (await fetch(`${app.url}/api/health`)).json();
  expect(before.reconciler.error).toBeNull();

  await relay.cut(); // the database is gone from the network
  const outage = await waitFor(
    "health to report the outage",
    async () => {
      const res = await fetch(`${app.url}/api/health`);
      const text = await res.text();
      return JSON.parse(text).reconciler.error ? { status: res.status, text } : null;
    },
    30_000,
    500,
  );
  // The logs have the error's own words (the reconciler logs each failed tick).
  const logLine = await waitFor(
    "the reconciler to log the failure",
    async () => /reconciler: .+/.exec(app.output())?.[0],
    30_000,
    500,
  );
  // The database comes back. Until the reconciler's next tick (it backs off after failures), its
  // last error is the driver's raw text: the dashboard shows it, the public answer must not.
  await relay.restore();
  const answers: string[] = [outage.text];
  let dashboardRaw: string | null = null;
  await waitFor(
    "the dashboard to show the raw error, or the reconciler to recover",
    async () => {
      const [publicText, page] = await Promise.all([
        fetch(`${app.url}/api/health`).then((r) => r.text()),
        fetch(`${app.url}/dashboard/health`, { headers: { cookie: session } }).then((r) => r.text()),
      ]);
      answers.push(publicText);
      const cell = /Reconciler error<\/dt><dd>([^<]*)</.exec(page)?.[1] ?? "";
      if (/ECONNREFUSED|Failed query|terminated/.test(cell)) dashboardRaw = cell;
      return dashboardRaw !== null || JSON.parse(publicText).reconciler.error === null;
    },
    40_000,
    200,
  );
  const secrets = [
    "127.0.0.1",
    "localhost",
    String(relay.port),
    target.port,
    "postgres",
    target.pathname.slice(1),
    "select",
    "insert",
    "update",
    'from "',
    "Failed query",
    "ECONNREFUSED",
    "connect",
    "password",
  ];
  const found = answers.flatMap((text) => secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase())));
  expect(found, answers.join("\n")).toEqual([]);
  expect(JSON.parse(outage.text).reconciler.error).toMatch(/^(database_unavailable|tick_failed)$/);
  expect(outage.status).toBe(200);
  // The merchant, signed in, saw the driver's text: the case the public answer used to leak.
  expect(dashboardRaw, "the dashboard health page showed the raw error while the public answer did not").not.toBeNull();
  figures.healthOutage = {
    publicAnswersSearched: answers.length,
    publicAnswerDuringOutage: JSON.parse(outage.text),
    searchedFor: secrets.length,
    found: found.length,
    dashboardShowed: dashboardRaw,
    logLine: logLine.slice(0, 200),
  };
});
