/**
 * Test-only (crash.test.ts runs it as a separate process): an app instance that delivers
 * notifications, to be killed with SIGKILL while its request is in flight. It opens the database
 * named by its environment, runs one deliverer tick with a long timeout and lease, and reports
 * on stdout when it has started; it never gets to record a result.
 *
 *   CRASH_DB=postgres://…  or  CRASH_DB=pglite:/path/to/dir
 */
import { openDatabase } from "../../lib/db/connect";
import { Deliverer } from "../../lib/notifications/deliverer";

const target = process.env.CRASH_DB ?? "";
const handle = await openDatabase(
  target.startsWith("pglite:") ? { dataDir: target.slice("pglite:".length) } : { url: target },
);
const deliverer = new Deliverer({
  db: handle.db,
  mode: "sandbox",
  envUrl: null,
  timeoutMs: Number(process.env.CRASH_TIMEOUT_MS ?? 60_000),
  claimLeaseMs: Number(process.env.CRASH_LEASE_MS ?? 120_000),
  log: (line) => console.log(line),
});
console.log("child: ticking");
const report = await deliverer.tick();
// Only reached if the parent failed to kill us in time.
console.log(`child: tick ended ${JSON.stringify(report)}`);
await handle.close();
