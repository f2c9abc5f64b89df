/**
 * npm run bench:live — only the figures of the change feed and the status stream (a subset of
 * npm run bench, for working on them): paid → customer sees it with and without the stream,
 * 1,000 open pages holding their streams, and the status endpoint on PostgreSQL with two
 * instances. Written to bench/results-live.json. Same environment variables as bench/run.ts.
 */
import { rmSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { launchChromium } from "./browser";
import { measurePaidLatency } from "./paid-latency";
import { freshDataDir, run, seedDataDir, startServer } from "./server";
import { round } from "./stats";
import { measureStreamHold } from "./stream-hold";
import { measureTwoInstances } from "./status-two-instances";
import { createTestDatabase } from "../test/support/test-database";

const PORT = Number(process.env.BENCH_PORT ?? 4000);
const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const loadBefore = loadavg().map((x) => round(x, 2));
  if (process.env.BENCH_SKIP_BUILD !== "1")
    await run("node_modules/.bin/next", ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  const dataDir = freshDataDir("live");
  await seedDataDir(dataDir, SMALL, ORIGIN);
  const ids = JSON.parse(readFileSync(join(dataDir, "bench-ids.json"), "utf8")) as string[];
  const server = await startServer({ port: PORT, dataDir });
  const browser = await launchChromium();
  let embedded;
  try {
    log("paid → customer sees it (status stream)");
    const paid = await measurePaidLatency(server.origin, browser);
    log("paid → customer sees it, the stream blocked (polling)");
    const paidPolling = await measurePaidLatency(server.origin, browser, { blockStream: true });
    log(`${SMALL} open payment pages hold their status streams`);
    const streams = await measureStreamHold(server, ids, SMALL);
    embedded = { paid, paidPolling, streams };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  log(`PostgreSQL, two instances, ${SMALL} open checkouts: the status endpoint`);
  const pgServer =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    (await run("bash", ["scripts/test-postgres.sh", "start"])).trim();
  const database = await createTestDatabase(pgServer, "bench");
  const pgDir = freshDataDir("postgres");
  let pg;
  try {
    await seedDataDir(pgDir, SMALL, ORIGIN, database.url);
    const pgIds = JSON.parse(readFileSync(join(pgDir, "bench-ids.json"), "utf8")) as string[];
    const env = { DATABASE_URL: database.url };
    const a = await startServer({ port: PORT, dataDir: pgDir, env });
    const b = await startServer({ port: PORT + 1, dataDir: pgDir, env }).catch(async (e) => {
      await a.stop();
      throw e;
    });
    try {
      pg = await measureTwoInstances({ origins: [a.origin, b.origin], databaseUrl: database.url, ids: pgIds });
    } finally {
      await b.stop();
      await a.stop();
    }
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
    await database.drop();
  }
  const results = {
    at: new Date().toISOString(),
    loadBefore,
    loadAfter: loadavg().map((x) => round(x, 2)),
    embedded,
    pg,
  };
  writeFileSync("bench/results-live.json", JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
