/**
 * npm run bench: every figure of docs/BENCHMARKS.md against a production build on 127.0.0.1,
 * printed as a table and written to bench/results.json.
 *
 *   BENCH_SKIP_BUILD=1   use the existing .next build
 *   BENCH_PORT=4000      where the app listens (one at a time); the standalone sandbox uses +10
 *   BENCH_SMALL=1000     open checkouts for every figure
 *   BENCH_LARGE=10000    open checkouts for the second run of Bitfinex calls and memory
 *   BENCH_KEEP=1         keep the data folders (removed at the end otherwise)
 *   BENCH_DATABASE_URL   the PostgreSQL server for the two-instance figure (a database of its own is
 *                        made there and dropped); default TEST_DATABASE_URL, else scripts/test-postgres.sh
 *
 * Each server gets a fresh DATA_DIR, seeded before it starts (bench/seed.ts). The machine is
 * shared: figures that compare are ratios taken in the same run, never against constants.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { launchChromium } from "./browser";
import { measureInvoiceCost } from "./invoice-cost";
import { measurePageSpeed } from "./page-speed";
import { measurePageWeight } from "./page-weight";
import { measurePaidLatency } from "./paid-latency";
import { measurePluginCreate } from "./plugin-create";
import {
  freshDataDir,
  liveModeEnv,
  run,
  seedDataDir,
  startServer,
  startStandaloneSandbox,
  type BenchServer,
} from "./server";
import { relativeChange, round } from "./stats";
import { measureStatusLoad } from "./status-load";
import { measureUpstreamCalls } from "./upstream-calls";
import { measureTwoInstances } from "./status-two-instances";
import { measureStreamHold } from "./stream-hold";
import { createTestDatabase } from "../test/support/test-database";

const PORT = Number(process.env.BENCH_PORT ?? 4000);
const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LARGE = Number(process.env.BENCH_LARGE ?? 10_000);
const SANDBOX_PORT = PORT + 10;
const ORIGIN = `http://127.0.0.1:${PORT}`;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function withServer<T>(
  dataDir: string,
  work: (server: BenchServer) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const server = await startServer({ port: PORT, dataDir, env });
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

/** Bitfinex calls and memory: the app in live mode, the sandbox (on the seeded state) its own process. */
async function callsAndMemory(dataDir: string, ids: string[]) {
  const sandbox = await startStandaloneSandbox(join(dataDir, "sandbox"), SANDBOX_PORT);
  try {
    return await withServer(
      dataDir,
      (server) => measureUpstreamCalls(server, ids, sandbox.origin),
      liveModeEnv(sandbox.origin),
    );
  } finally {
    await sandbox.stop();
  }
}

async function seeded(label: string, count: number) {
  const dataDir = freshDataDir(label);
  const { ms } = await seedDataDir(dataDir, count, ORIGIN);
  log(`seeded ${count} open checkouts in ${(ms / 1000).toFixed(0)} s (${dataDir})`);
  const ids = JSON.parse(readFileSync(join(dataDir, "bench-ids.json"), "utf8")) as string[];
  return { dataDir, ids };
}

/** Two app instances on one PostgreSQL database, seeded like the embedded runs. */
async function onPostgres(count: number) {
  const server =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    (await run("bash", ["scripts/test-postgres.sh", "start"])).trim();
  const database = await createTestDatabase(server, "bench");
  const dataDir = freshDataDir("postgres");
  try {
    const { ms } = await seedDataDir(dataDir, count, ORIGIN, database.url);
    log(`seeded ${count} open checkouts on PostgreSQL in ${(ms / 1000).toFixed(0)} s`);
    const ids = JSON.parse(readFileSync(join(dataDir, "bench-ids.json"), "utf8")) as string[];
    const env = { DATABASE_URL: database.url };
    const a = await startServer({ port: PORT, dataDir, env });
    try {
      const b = await startServer({ port: PORT + 1, dataDir, env });
      try {
        return await measureTwoInstances({ origins: [a.origin, b.origin], databaseUrl: database.url, ids });
      } finally {
        await b.stop();
      }
    } finally {
      await a.stop();
    }
  } finally {
    if (process.env.BENCH_KEEP !== "1") rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

function machine() {
  const c = cpus();
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: c[0]?.model ?? "unknown",
    cores: c.length,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

async function main() {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg().map((x) => round(x, 2));
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log("next build");
    await run("node_modules/.bin/next", ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  }
  const small = await seeded("small", SMALL);
  const large = await seeded("large", LARGE);

  log(
    `${SMALL} open checkouts, live mode against the sandbox in its own process: Bitfinex calls while customers wait (75 s)`,
  );
  const calls = await callsAndMemory(small.dataDir, small.ids);
  log(`${LARGE} open checkouts, the same (75 s)`);
  const b = { calls: await callsAndMemory(large.dataDir, large.ids) };

  log(`sandbox mode, ${SMALL} open checkouts`);
  const a = await withServer(small.dataDir, async (server) => {
    log("status endpoint under load");
    const status = await measureStatusLoad(server.origin, small.ids);
    log("our cost on invoice creation");
    const invoice = await measureInvoiceCost(server.origin);
    log("WooCommerce plugin's create vs the merchant API's");
    const plugin = await measurePluginCreate(server.origin);
    const browser = await launchChromium();
    try {
      log("paid → customer sees it (status stream)");
      const paid = await measurePaidLatency(server.origin, browser);
      log("paid → customer sees it, the stream blocked (polling)");
      const paidPolling = await measurePaidLatency(server.origin, browser, { blockStream: true });
      log("payment page weight and speed");
      const weight = await measurePageWeight(server.origin, browser);
      const speed = await measurePageSpeed(server.origin, browser);
      log(`${SMALL} open payment pages hold their status streams`);
      const streams = await measureStreamHold(server, small.ids, SMALL);
      return { calls, status, invoice, plugin, paid, paidPolling, weight, speed, streams };
    } finally {
      await browser.close();
    }
  });

  log(`PostgreSQL, two instances, ${SMALL} open checkouts: the status endpoint`);
  const pg = await onPostgres(SMALL);

  const memoryChange = round(relativeChange(a.calls.rssMiB, b.calls.rssMiB), 3);
  const rows = [
    {
      figure: "status endpoint under load",
      measured: `steady ${a.status.paced.ratePerSecond}/s: p99 ${a.status.paced.statusP99} ms (bare ${a.status.paced.bareP99} ms; median of 3 rounds); saturated: ${a.status.saturation.statusRps} req/s = ${round(a.status.saturation.throughputRatio * 100)}% of bare ${a.status.saturation.bareRps} req/s, p99 ${a.status.saturation.statusP99} ms (bare ${a.status.saturation.bareP99} ms)`,
      target: "p99 ≤ 25 ms; throughput ≥ 50% of bare",
      met: a.status.paced.statusP99 <= 25 && a.status.saturation.throughputRatio >= 0.5 && a.status.failures === 0,
    },
    {
      figure: "status endpoint on PostgreSQL, two instances",
      measured: `saturated: ${pg.saturation.statusRps} req/s = ${round(pg.saturation.throughputRatio * 100)}% of bare ${pg.saturation.bareRps} req/s; ${pg.transactionsPerPoll} database transactions per poll (${pg.polls} polls); steady ${pg.paced.ratePerSecond}/s: p99 ${pg.paced.statusP99} ms vs bare ${pg.paced.bareP99} ms (${pg.paced.p99Ratio}×); a change on one instance seen by a poll on the other: p95 ${pg.otherInstanceSeesChangeMs.p95} ms (p50 ${pg.otherInstanceSeesChangeMs.p50})`,
      target: "throughput ≥ 90% of bare; ≤ 0.1 transactions per poll; p99 ≤ 1.5× bare; other instance ≤ 200 ms p95",
      met:
        pg.saturation.throughputRatio >= 0.9 &&
        pg.transactionsPerPoll <= 0.1 &&
        pg.paced.p99Ratio <= 1.5 &&
        pg.otherInstanceSeesChangeMs.p95 <= 200 &&
        pg.failures === 0,
    },
    {
      figure: "Bitfinex calls while customers wait",
      measured: `${a.calls.callsPerMinute}/min at ${SMALL}, ${b.calls.callsPerMinute}/min at ${LARGE}; 429s: ${a.calls.rateLimitedLastMinute} and ${b.calls.rateLimitedLastMinute}`,
      target: "same at both sizes; ≤ 20/min; no 429",
      met:
        Math.abs(a.calls.callsPerMinute - b.calls.callsPerMinute) <= 2 &&
        Math.max(a.calls.callsPerMinute, b.calls.callsPerMinute) <= 20 &&
        a.calls.rateLimitedLastMinute + b.calls.rateLimitedLastMinute === 0,
    },
    {
      figure: "paid → customer sees it",
      measured: `stream: p95 ${a.paid.ms.p95} ms (p50 ${a.paid.ms.p50}, max ${a.paid.ms.max}); stream blocked, polling: p95 ${a.paidPolling.ms.p95} ms (p50 ${a.paidPolling.ms.p50}); ${a.paid.samples} samples each`,
      target: "p95 ≤ 500 ms with the stream; ≤ 2500 ms without",
      met: a.paid.ms.p95 <= 500 && a.paidPolling.ms.p95 <= 2500,
    },
    {
      figure: "open payment pages holding status streams",
      measured: `${a.streams.stillOpen}/${a.streams.streams} still open, a change heard by ${a.streams.changeHeardBy}; RSS ${a.streams.baselineMiB} MiB without streams, ${a.streams.heldMiB} MiB with them (${a.streams.change >= 0 ? "+" : ""}${round(a.streams.change * 100)}%)`,
      target: "all held and alive; memory flat within 20%",
      met:
        a.streams.stillOpen === a.streams.streams &&
        a.streams.changeHeardBy === "20/20" &&
        Math.abs(a.streams.change) <= 0.2,
    },
    {
      figure: "payment page weight",
      measured: `our own ${a.weight.ownKB} KB above the framework's floor (the smallest page of this build, ${a.weight.reactPageKB} KB); total ${a.weight.totalKB} KB (JS ${a.weight.jsKB} + CSS ${a.weight.cssKB}); BTCPay ~${a.weight.btcpayKB.total} KB`,
      target: "own ≤ 30 KB (gzip) above the floor",
      met: a.weight.ownKB <= 30,
    },
    {
      figure: "payment page speed",
      measured: `LCP ${a.speed.lcpMs} ms (median of ${a.speed.loads}, 4× CPU slowdown)`,
      target: "≤ 1000 ms",
      met: a.speed.lcpMs <= 1000,
    },
    {
      figure: "our cost on invoice creation",
      measured: `p95 ${a.invoice.ours.p95} ms (p50 ${a.invoice.ours.p50}); whole POST p95 ${a.invoice.total.p95} ms, sandbox call p95 ${a.invoice.sandbox.p95} ms; a lone status poll p50 ${a.invoice.statusPollMs.p50} ms`,
      target: "p95 ≤ 15 ms",
      met: a.invoice.ours.p95 <= 15,
    },
    {
      figure: "WooCommerce plugin's invoice create vs merchant API create",
      measured: `plugin p95 ${a.plugin.plugin.p95} ms (p50 ${a.plugin.plugin.p50}), API p95 ${a.plugin.api.p95} ms (p50 ${a.plugin.api.p50}): ${a.plugin.ratioP95}×`,
      target: "p95 ≤ 1.5× the API's",
      met: a.plugin.ratioP95 <= 1.5,
    },
    {
      figure: "memory (RSS)",
      measured: `${a.calls.rssMiB} MiB at ${SMALL}, ${b.calls.rssMiB} MiB at ${LARGE} (${memoryChange >= 0 ? "+" : ""}${round(memoryChange * 100)}%; medians over the minute, app in live mode)`,
      target: "reported; flat within 20%",
      met: Math.abs(memoryChange) <= 0.2,
    },
  ];

  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      ...machine(),
      loadBefore,
      loadAfter: loadavg().map((x) => round(x, 2)),
      shared: "shared with other workloads; absolute figures are noisy, ratios are taken in the same run",
    },
    sizes: { small: SMALL, large: LARGE },
    table: rows,
    figures: {
      statusLoad: a.status,
      statusOnPostgres: pg,
      paidLatencyPolling: a.paidPolling,
      streams: a.streams,
      bitfinexCalls: { small: a.calls, large: b.calls },
      paidLatency: a.paid,
      pageWeight: a.weight,
      pageSpeed: a.speed,
      invoiceCost: a.invoice,
      pluginCreate: a.plugin,
      memory: { smallMiB: a.calls.rssMiB, largeMiB: b.calls.rssMiB, change: memoryChange },
    },
  };
  writeFileSync("bench/results.json", JSON.stringify(results, null, 2) + "\n");
  if (process.env.BENCH_KEEP !== "1")
    for (const dir of [small.dataDir, large.dataDir]) rmSync(dir, { recursive: true, force: true });

  console.log("\n| figure | measured | target | met |\n|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.target} | ${r.met ? "yes" : "NO"} |`);
  console.log("\nwritten: bench/results.json");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
