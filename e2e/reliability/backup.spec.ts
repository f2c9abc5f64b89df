// Backups of the embedded database (npm run backup / npm run restore), taken while the app is busy:
// checkouts paid and refunded, webhook events written, and a load of new checkouts running while
// the backup is taken. Restored elsewhere, the backup holds every row committed before it started,
// nothing the source never had, and the app serves it.
import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { ISOLATED_PORT, startIsolatedApp, type IsolatedApp } from "./support/isolated-app";

const run = promisify(execFile);
const KEY = { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl", "content-type": "application/json" };
const REFUND_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
/** Tables whose rows are compared by their id; all of them are written by the work below. */
const TABLES = ["checkouts", "checkout_invoices", "checkout_transitions", "checkout_refunds", "notification_events"];

test.describe.configure({ mode: "serial", timeout: 300_000 });

async function rowsBefore(db: PGlite, table: string, before: Date | null): Promise<Set<string>> {
  const where = before ? ` where created_at < $1` : "";
  const column = table === "checkout_transitions" ? "at" : "created_at";
  const sql = `select id::text as id from ${table}${where.replace("created_at", column)}`;
  const { rows } = await db.query<{ id: string }>(sql, before ? [before.toISOString()] : []);
  return new Set(rows.map((r) => r.id));
}

test("a backup taken under load restores elsewhere with every row committed before it, and serves", async () => {
  let source: IsolatedApp | null = await startIsolatedApp("sandbox");
  const base = `http://127.0.0.1:${ISOLATED_PORT}`;
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: KEY,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  try {
    // Money that moved: three paid checkouts, one of them refunded.
    const paid: string[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await api("/api/v1/checkouts", { amount: "15.00", currency: "USD", orderId: `backup-paid-${i}` });
      expect(made.status).toBe(201);
      const id = made.body.id as string;
      const started = await fetch(`${base}/api/checkouts/${id}/payment`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ payCurrency: "BTC" }),
      });
      expect(started.status).toBe(200);
      const invoice = (await api(`/api/v1/checkouts/${id}`)).body.invoices[0].bitfinexId;
      expect(
        (await fetch(`${base}/sandbox/control/invoices/${invoice}/pay`, { method: "POST", headers: KEY, body: "{}" }))
          .status,
      ).toBe(200);
      await expect
        .poll(async () => (await api(`/api/v1/checkouts/${id}`)).body.state, { timeout: 20_000 })
        .toBe("paid");
      paid.push(id);
    }
    const refund = await api(`/api/v1/checkouts/${paid[0]}/refunds`, { amount: "full", address: REFUND_ADDRESS });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    // Every request of this first part was answered, so what it wrote is committed (the reconciler's
    // writes, which no answer waits for, commit within their own short transaction, long before the
    // backup below is asked for).
    const settledBefore = new Date();

    // Busy: new checkouts keep arriving (bounded: 60 at most, 4 at a time) while the backup is taken.
    let made = 0;
    let loading = true;
    const answered: Array<{ id: string; at: number }> = [];
    const worker = async (w: number) => {
      for (let n = 0; loading && n < 15; n++) {
        const res = await api("/api/v1/checkouts", {
          amount: "3.00",
          currency: "EUR",
          orderId: `backup-load-${w}-${n}`,
        });
        expect(res.status).toBe(201);
        answered.push({ id: res.body.id as string, at: Date.now() });
        made++;
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await expect.poll(() => made, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(4);
    const backupStarted = Date.now();
    const file = join(mkdtempSync(join(tmpdir(), "bfx-backup-")), "checkout.tar.gz");
    const backup = await run(process.execPath, ["scripts/backup.mjs", "--url", base, "--out", file]);
    expect(backup.stdout).toContain("taken from the running app");
    const madeDuringBackup = made;
    loading = false;
    await load;
    expect(made, "the load went on while the backup was taken").toBeGreaterThan(4);

    const sourceDir = source.dataDir;
    await source.stop();
    source = null;

    // Restored elsewhere, with the app stopped (the script refuses while one answers on PORT).
    const restoredDir = mkdtempSync(join(tmpdir(), "bfx-restored-"));
    const restored = await run(process.execPath, ["scripts/restore.mjs", file, "--data-dir", restoredDir], {
      env: { ...process.env, PORT: String(ISOLATED_PORT) },
    });
    expect(restored.stdout).toMatch(/restore: .* \(\d+ checkouts\)/);

    const src = await PGlite.create(join(sourceDir, "pglite"));
    const dst = await PGlite.create(join(restoredDir, "pglite"));
    const figures: Record<string, { before: number; restored: number; source: number }> = {};
    try {
      for (const table of TABLES) {
        // Checkouts: those whose 201 had arrived when the backup was asked for (an answer follows the
        // commit). The other tables: what the first part wrote.
        const committedBefore =
          table === "checkouts"
            ? new Set([...paid, ...answered.filter((a) => a.at < backupStarted).map((a) => a.id)])
            : await rowsBefore(src, table, settledBefore);
        const inSource = await rowsBefore(src, table, null);
        const inBackup = await rowsBefore(dst, table, null);
        const missing = [...committedBefore].filter((id) => !inBackup.has(id));
        const invented = [...inBackup].filter((id) => !inSource.has(id));
        expect(missing, `${table}: rows committed before the backup, missing from it`).toEqual([]);
        expect(invented, `${table}: rows in the backup the source never had`).toEqual([]);
        expect(committedBefore.size, `${table} has rows to compare`).toBeGreaterThan(0);
        figures[table] = { before: committedBefore.size, restored: inBackup.size, source: inSource.size };
      }
      // The money facts survive as they were: the refund and the paid states.
      const { rows } = await dst.query<{ state: string }>(
        `select state from checkouts where id = any($1) order by id`,
        [paid],
      );
      expect(rows.map((r) => r.state)).toEqual(["paid", "paid", "paid"]);
    } finally {
      await src.close();
      await dst.close();
    }
    console.log(`backup figures: ${JSON.stringify({ madeDuringBackup, madeInAll: made, ...figures })}`);

    // The app serves the restored database.
    const again = await startIsolatedApp("sandbox", { env: { DATA_DIR: restoredDir } });
    try {
      for (const id of paid) expect((await api(`/api/v1/checkouts/${id}`)).body.state).toBe("paid");
      const refunds = await api(`/api/v1/checkouts/${paid[0]}/refunds`);
      expect(refunds.status).toBe(200);
      expect(JSON.stringify(refunds.body)).toContain(REFUND_ADDRESS);
    } finally {
      await again.stop();
    }
  } finally {
    await source?.stop();
  }
});
