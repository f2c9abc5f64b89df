/**
 * Test-only: the checkout engine wired to a sandbox on a random port, a database (in-memory
 * PGlite, or the CI PostgreSQL) and a clock the test moves. A tiny HTTP server plays the app's
 * webhook route, so the sandbox's one webhook call reaches the hint handler as in production.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, type DbHandle } from "../../lib/db/connect";
import { createTestDatabase } from "./test-database";
import { NEEDS_POSTGRES, testFns, type TestFns } from "./postgres-tests";
import { RailsMonitor } from "../../lib/rail-health/health";
import { HintHandler } from "../../lib/reconciler/bitfinex-webhook";
import { Reconciler, RECONCILER_LOCK } from "../../lib/reconciler/reconciler";
import { startHarness, type Harness } from "./sandbox-harness";
import { createCheckout } from "../../lib/checkouts/create";
import { DepositMethodMap } from "../../lib/checkouts/rails/deposit-method-map";
import type { CheckoutDeps } from "../../lib/checkouts/deps";
import { checkoutInputSchema } from "../../lib/checkouts/validation";

export { createTestDatabase };

/** A database to run a suite on, with the test functions to register it with (see postgres-tests.ts). */
export type DbTarget = [name: string, open: () => Promise<DbHandle>, tests: TestFns];

/**
 * PGlite, and PostgreSQL (each open gets a database of its own). Without TEST_DATABASE_URL the
 * PostgreSQL suite's tests are still registered, as skipped with the reason:
 *
 *   for (const [dbName, openDb, { it, before, after }] of dbTargets()) describe(`… on ${dbName}`, () => …);
 */
export function dbTargets(): DbTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    ["PGlite", () => openDatabase({ memory: true }), testFns()],
    [
      "PostgreSQL",
      () => (url ? freshPostgres(url) : Promise.reject(new Error(NEEDS_POSTGRES))),
      testFns(url ? undefined : NEEDS_POSTGRES),
    ],
  ];
}

/**
 * A database of its own on the test server, dropped on close, so test files running side by side
 * never see each other's rows.
 */
export async function freshPostgres(url: string): Promise<DbHandle> {
  const database = await createTestDatabase(url);
  const handle = await openDatabase({ url: database.url });
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

export interface Engine {
  harness: Harness;
  handle: DbHandle;
  deps: CheckoutDeps;
  hints: HintHandler;
  reconciler: Reconciler;
  logs: string[];
  /** Moves the engine's clock (not the sandbox's). */
  advance(ms: number): void;
  /** Creates a checkout from a merchant-style body (defaults filled in). */
  checkout(overrides?: Record<string, unknown>): ReturnType<typeof createCheckout>;
  /** Sandbox calls whose path contains `fragment`. */
  calls(fragment: string): number;
  close(): Promise<void>;
}

export async function startEngine(openDb: () => Promise<DbHandle>, existing?: { harness: Harness }): Promise<Engine> {
  const harness = existing?.harness ?? (await startHarness());
  const handle = await openDb();
  const client = harness.client({ timeoutMs: 2000 });
  let offset = 0;
  const now = () => Date.now() + offset;
  const logs: string[] = [];
  let hints: HintHandler | null = null;
  const hook: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      try {
        await hints?.handle(JSON.parse(body));
      } catch (e) {
        logs.push(`hint failed: ${String(e)}`);
      }
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const appUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  const deps: CheckoutDeps = {
    db: handle.db,
    bitfinex: client,
    rails: new RailsMonitor(client, 30_000, now),
    methods: new DepositMethodMap(() => client.market.getTxMethodMap()),
    mode: "sandbox",
    appUrl,
    now,
    log: (line) => logs.push(line),
  };
  hints = new HintHandler(deps);
  const reconciler = new Reconciler(deps, { intervalMs: 60_000, holdsLock: () => handle.holdsLock(RECONCILER_LOCK) });
  return {
    harness,
    handle,
    deps,
    hints,
    reconciler,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    async checkout(overrides = {}) {
      const body = {
        amount: "25.00",
        currency: "USD",
        orderId: `order-${Math.random().toString(36).slice(2, 10)}`,
        ...overrides,
      };
      const parsed = checkoutInputSchema("sandbox").parse(body);
      return createCheckout(deps, parsed, { source: "api" });
    },
    calls: (fragment) => harness.server.api.requestLog.filter((r) => r.apiPath.includes(fragment)).length,
    async close() {
      reconciler.stop();
      await new Promise((r) => hook.close(r));
      await handle.close();
      if (!existing) await harness.close();
    },
  };
}
