/**
 * A real crash: an app instance is killed with SIGKILL while its notification request is in
 * flight (the merchant's endpoint has the request but has not answered). Its claim survives in
 * the database; once the claim's lease runs out another instance delivers the event, so it is
 * not lost (it arrives twice, with the same event id, which is what merchants dedupe on).
 *
 * On PostgreSQL (when TEST_DATABASE_URL is set) the two instances share a server database. On
 * PGlite, which one process at a time can open, the killed process's data directory is opened
 * afterwards by the test, as a restarted app would (PostgreSQL's crash recovery included).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "../../test/support/checkout-harness";
import { postgresTests } from "../../test/support/postgres-tests";
import { openDatabase, type DbHandle } from "../db/connect";
import { Deliverer } from "./deliverer";
import { findEventWithAttempts } from "./queries";
import { setWebhookUrl } from "./settings";
import { eventsOf, move, seedCheckout, startReceiver, type Receiver } from "../../test/support/notification-harness";

const LEASE_MS = 120_000;

/** Starts the child instance; resolves once it is running (its output is kept for failure messages). */
function startChild(db: string): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string | null>;
} {
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      fileURLToPath(new URL("../../test/support/crash-child.ts", import.meta.url)),
    ],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        CRASH_DB: db,
        CRASH_LEASE_MS: String(LEASE_MS),
        CRASH_TIMEOUT_MS: String(LEASE_MS - 10_000),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  return { child, output: () => output, exited };
}

/** Seeds one checkout event bound for `receiver`; returns its id. */
async function seed(handle: DbHandle, receiver: Receiver): Promise<string> {
  await setWebhookUrl(handle.db, receiver.url, "sandbox");
  const checkout = await seedCheckout(handle.db, Date.now());
  await move(handle.db, checkout.id, Date.now(), "expired");
  return (await eventsOf(handle.db, checkout.id))[0]!.id;
}

/** Kills the child with SIGKILL once the endpoint holds its request. */
async function killMidRequest(receiver: Receiver, run: ReturnType<typeof startChild>) {
  try {
    await receiver.waitForRequests(1, 60_000);
  } catch (e) {
    run.child.kill("SIGKILL");
    throw new Error(`the child never sent its request: ${String(e)}\n${run.output()}`);
  }
  assert.equal(run.child.exitCode, null, "the child is still waiting for the answer");
  run.child.kill("SIGKILL");
  assert.equal(await run.exited, "SIGKILL");
}

/** After the crash: the claim is respected until its lease runs out, then another instance delivers. */
async function deliverAfterCrash(handle: DbHandle, receiver: Receiver, eventId: string) {
  const before = await findEventWithAttempts(handle.db, eventId);
  assert.equal(before!.event.status, "pending");
  assert.ok(before!.event.claimToken, "the dead instance's claim is still there");
  assert.equal(before!.attempts.length, 0, "the dead instance recorded nothing");
  const now = new Deliverer({ db: handle.db, mode: "sandbox", envUrl: null, log: () => {} });
  assert.equal((await now.tick()).claimed, 0, "within the lease nobody else sends it");
  // The lease runs out (the clock moves instead of the test waiting two minutes).
  const later = new Deliverer({
    db: handle.db,
    mode: "sandbox",
    envUrl: null,
    log: () => {},
    now: () => Date.now() + LEASE_MS + 1000,
  });
  assert.deepEqual(await later.tick(), { claimed: 1, delivered: 1, retrying: 0, failed: 0 });
  const after = await findEventWithAttempts(handle.db, eventId);
  assert.equal(after!.event.status, "delivered");
  assert.equal(after!.attempts.length, 1);
  assert.deepEqual(
    receiver.received.map((r) => r.eventId),
    [eventId, eventId],
    "sent again with the same id",
  );
  assert.equal(receiver.received[1]!.body, receiver.received[0]!.body);
}

describe("kill -9 in the middle of a delivery", () => {
  const postgres = postgresTests();
  postgres.it(
    "PostgreSQL: another instance delivers the event the killed one had claimed",
    { timeout: 120_000 },
    async () => {
      const database = await createTestDatabase(postgres.url!);
      const receiver = await startReceiver();
      // The first request is held forever (the killed instance's); the next ones are answered.
      receiver.behave((req) => (receiver.received.indexOf(req) === 0 ? "hang" : 200));
      const handle = await openDatabase({ url: database.url });
      let run: ReturnType<typeof startChild> | null = null;
      try {
        const eventId = await seed(handle, receiver);
        run = startChild(database.url);
        await killMidRequest(receiver, run);
        await deliverAfterCrash(handle, receiver, eventId);
      } finally {
        run?.child.kill("SIGKILL");
        await receiver.close();
        await handle.close();
        await database.drop();
      }
    },
  );

  it("PGlite: the restarted app delivers the event the killed process had claimed", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfx-crash-"));
    const dataDir = join(dir, "pglite");
    const receiver = await startReceiver();
    receiver.behave((req) => (receiver.received.indexOf(req) === 0 ? "hang" : 200));
    let run: ReturnType<typeof startChild> | null = null;
    let handle: DbHandle | null = null;
    try {
      handle = await openDatabase({ dataDir });
      const eventId = await seed(handle, receiver);
      await handle.close(); // PGlite: one process at a time
      handle = null;
      run = startChild(`pglite:${dataDir}`);
      await killMidRequest(receiver, run);
      handle = await openDatabase({ dataDir });
      await deliverAfterCrash(handle, receiver, eventId);
    } finally {
      run?.child.kill("SIGKILL");
      await receiver.close();
      await handle?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
