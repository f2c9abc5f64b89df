/**
 * Upgrading: a database made by the previous release (its migrations 0000–0006, and data its own
 * code wrote: test/fixtures/upgrade/release-0006-data.sql) is opened by today's code, which applies
 * the newer migrations. Every row and every value of the old columns is still there, the new
 * columns read as documented for old rows, and today's code serves and extends the data.
 * On PGlite (a data directory, as a merchant's) and, with TEST_DATABASE_URL, PostgreSQL (skipped without).
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "node:test";
import { openDatabase, type DbHandle } from "../lib/db/connect";
import { findCheckout } from "../lib/checkouts/repository";
import { listApiKeys } from "../lib/merchant/api-keys";
import { listRefunds } from "../lib/refunds/queries";
import { createTestDatabase } from "./support/test-database";
import { NEEDS_POSTGRES, testFns, type TestFns } from "./support/postgres-tests";

const MIGRATIONS = "lib/db/migrations";
/** The last migration of the previous release (e46417d). */
const RELEASE_LAST = 6;
const FIXTURE = readFileSync("test/fixtures/upgrade/release-0006-data.sql", "utf8");
const TABLES = [
  "checkouts",
  "checkout_invoices",
  "checkout_transitions",
  "checkout_refunds",
  "notification_events",
  "api_keys",
  "payment_links",
];

/** The previous release's migrations: today's folder cut back to its journal entries 0–6. */
function releaseMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "bfx-release-migrations-"));
  mkdirSync(join(dir, "meta"));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: Array<{ idx: number; tag: string }>;
  };
  journal.entries = journal.entries.filter((e) => e.idx <= RELEASE_LAST);
  assert.equal(journal.entries.length, RELEASE_LAST + 1);
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

type Rows = Record<string, Array<Record<string, unknown>>>;
type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** Every row as PostgreSQL itself writes it in JSON, so both drivers' readings compare alike. */
async function snapshot(query: Query): Promise<Rows> {
  const out: Rows = {};
  for (const t of TABLES)
    out[t] = (await query(`select to_jsonb(t)::text as r from ${t} t order by t.id`)).map(
      (row) => JSON.parse(row.r as string) as Record<string, unknown>,
    );
  return out;
}

/** The previous release's database with its data, then closed; `open` opens it with today's code. */
interface OldDatabase {
  before: Rows;
  open(): Promise<DbHandle>;
  dispose(): Promise<void>;
}

async function oldPglite(): Promise<OldDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = join(mkdtempSync(join(tmpdir(), "bfx-upgrade-")), "pglite");
  const client = await PGlite.create(dataDir);
  await migrate(drizzle({ client }), { migrationsFolder: releaseMigrations() });
  await client.exec(FIXTURE);
  const before = await snapshot(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
  await client.close();
  return { before, open: () => openDatabase({ dataDir }), dispose: async () => {} };
}

async function oldPostgres(url: string): Promise<OldDatabase> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const database = await createTestDatabase(url, "upgrade");
  const pool = new pg.Pool({ connectionString: database.url });
  await migrate(drizzle({ client: pool }), { migrationsFolder: releaseMigrations() });
  await pool.query(FIXTURE);
  const before = await snapshot(async (sql) => (await pool.query(sql)).rows);
  await pool.end();
  return { before, open: () => openDatabase({ url: database.url }), dispose: () => database.drop() };
}

const pgUrl = process.env.TEST_DATABASE_URL;
const targets: Array<[string, () => Promise<OldDatabase>, TestFns]> = [
  ["PGlite", oldPglite, testFns()],
  ["PostgreSQL", () => oldPostgres(pgUrl!), testFns(pgUrl ? undefined : NEEDS_POSTGRES)],
];

for (const [name, makeOld, { it, after }] of targets) {
  describe(`upgrading the previous release's database on ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it("keeps every row and every old value, and today's code serves and extends them", async () => {
      const old = await makeOld();
      cleanups.push(old.dispose);
      assert.ok(old.before.checkouts!.length >= 6, "the fixture has data to keep");
      const handle = await old.open(); // today's migrations run here
      cleanups.push(() => handle.close());
      const query: Query = async (sql) =>
        ((await handle.db.execute(sql as never)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
      const after = await snapshot(query);

      for (const table of TABLES) {
        const was = old.before[table]!;
        const now = after[table]!;
        assert.equal(now.length, was.length, `${table}: rows kept`);
        for (const [i, row] of was.entries())
          for (const [column, value] of Object.entries(row))
            assert.deepEqual(now[i]![column], value, `${table} row ${i}: ${column} unchanged`);
      }

      // Read by today's code.
      const paid = old.before.checkouts!.filter((c) => c.state === "paid");
      assert.equal(paid.length, 2);
      for (const c of paid) {
        const row = await findCheckout(handle.db, c.id as string);
        assert.equal(row?.state, "paid");
        assert.ok(row?.payments?.length, "its payments, as the old release recorded them");
      }
      const refunded = old.before.checkout_refunds!.map((r) => r.checkout_id as string);
      for (const id of refunded) assert.equal((await listRefunds(handle.db, id)).length >= 1, true);
      // Keys made before scopes keep every scope (README: Keys and scopes).
      const keys = await listApiKeys(handle.db);
      assert.equal(keys.length, 2);
      assert.ok(keys.every((k) => k.legacy === true));

      // Today's code writes next to the old rows: a checkout with today's columns.
      const { createCheckout } = await import("../lib/checkouts/create");
      const deps = {
        db: handle.db,
        now: Date.now,
        mode: "sandbox",
        appUrl: "http://localhost:3000",
      } as unknown as Parameters<typeof createCheckout>[0];
      const made = await createCheckout(
        deps,
        {
          amount: "9.99",
          currency: "USD",
          orderId: "AFTER-UPGRADE",
          payCurrencies: ["BTC"],
          type: "POS",
          duration: 900,
        } as unknown as Parameters<typeof createCheckout>[1],
        { source: "api" },
      );
      assert.equal((await findCheckout(handle.db, made.checkout.id))?.orderId, "AFTER-UPGRADE");
    });
  });
}
