/**
 * npm run bench: every figure of docs/BENCHMARKS.md against a production build on 127.0.0.1,
 * printed as a table and written to bench/results.json.
 *
 *   BENCH_SKIP_BUILD=1   use the existing .next build
 *   BENCH_PORT=4000      where the server listens (one server at a time)
 *   BENCH_SMALL=1000     open checkouts in the first server (all figures)
 *   BENCH_LARGE=10000    open checkouts in the second server (Bitfinex calls and memory)
 *
 * Each server gets a fresh DATA_DIR, seeded before it starts (bench/seed.ts). The machine is
 * shared: figures that compare are ratios taken in the same run, never against constants.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { launchChromium } from "./browser";
import { measureInvoiceCost } from "./invoice-cost";
import { measurePageSpeed } from "./page-speed";
import { measurePageWeight } from "./page-weight";
import { measurePaidLatency } from "./paid-latency";
import { freshDataDir, run, seedDataDir, startServer, type BenchServer } from "./server";
import { relativeChange, round } from "./stats";
import { measureStatusLoad } from "./status-load";
import { measureUpstreamCalls } from "./upstream-calls";

const PORT = Number(process.env.BENCH_PORT ?? 4000);
const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LARGE = Number(process.env.BENCH_LARGE ?? 10_000);
const ORIGIN = `http://127.0.0.1:${PORT}`;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function withServer<T>(dataDir: string, work: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await startServer({ port: PORT, dataDir });
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

async function seeded(label: string, count: number) {
  const dataDir = freshDataDir(label);
  const { ms } = await seedDataDir(dataDir, count, ORIGIN);
  log(`seeded ${count} open checkouts in ${(ms / 1000).toFixed(0)} s (${dataDir})`);
  const ids = JSON.parse(readFileSync(join(dataDir, "bench-ids.json"), "utf8")) as string[];
  return { dataDir, ids };
}

function machine() {
  const c = cpus();
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return { cpu: c[0]?.model ?? "unknown", cores: c.length, memoryGiB: round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, commit };
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

  log(`server with ${SMALL} open checkouts`);
  const a = await withServer(small.dataDir, async (server) => {
    log("Bitfinex calls while customers wait (75 s)");
    const calls = await measureUpstreamCalls(server, small.ids);
    log("status endpoint under load");
    const status = await measureStatusLoad(server.origin, small.ids);
    log("our cost on invoice creation");
    const invoice = await measureInvoiceCost(server.origin);
    const browser = await launchChromium();
    try {
      log("paid → customer sees it");
      const paid = await measurePaidLatency(server.origin, browser);
      log("payment page weight and speed");
      const weight = await measurePageWeight(server.origin, browser);
      const speed = await measurePageSpeed(server.origin, browser);
      return { calls, status, invoice, paid, weight, speed };
    } finally {
      await browser.close();
    }
  });

  log(`server with ${LARGE} open checkouts`);
  const b = await withServer(large.dataDir, async (server) => {
    log("Bitfinex calls while customers wait (75 s)");
    return { calls: await measureUpstreamCalls(server, large.ids) };
  });

  const memoryChange = round(relativeChange(a.calls.rssMiB, b.calls.rssMiB), 3);
  const rows = [
    {
      figure: "status endpoint under load",
      measured: `steady ${a.status.paced.ratePerSecond}/s: p99 ${a.status.paced.statusP99} ms (bare ${a.status.paced.bareP99} ms); saturated: ${a.status.saturation.statusRps} req/s = ${round(a.status.saturation.throughputRatio * 100)}% of bare ${a.status.saturation.bareRps} req/s, p99 ${a.status.saturation.statusP99} ms (bare ${a.status.saturation.bareP99} ms)`,
      target: "p99 ≤ 25 ms; throughput ≥ 50% of bare",
      met: a.status.paced.statusP99 <= 25 && a.status.saturation.throughputRatio >= 0.5 && a.status.failures === 0,
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
      measured: `p95 ${a.paid.ms.p95} ms (p50 ${a.paid.ms.p50}, max ${a.paid.ms.max}; ${a.paid.samples} samples)`,
      target: "p95 ≤ 2500 ms",
      met: a.paid.ms.p95 <= 2500,
    },
    {
      figure: "payment page weight",
      measured: `${a.weight.totalKB} KB (JS ${a.weight.jsKB} + CSS ${a.weight.cssKB}), of which Next.js + React ${a.weight.frameworkFloorKB} KB and ours ${a.weight.oursKB} KB; BTCPay ~${a.weight.btcpayKB.total} KB`,
      target: "≤ 100 KB",
      met: a.weight.totalKB <= 100,
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
      figure: "memory (RSS)",
      measured: `${a.calls.rssMiB} MiB at ${SMALL}, ${b.calls.rssMiB} MiB at ${LARGE} (${memoryChange >= 0 ? "+" : ""}${round(memoryChange * 100)}%)`,
      target: "reported; flat within 20%",
      met: Math.abs(memoryChange) <= 0.2,
    },
  ];

  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine(), loadBefore, loadAfter: loadavg().map((x) => round(x, 2)), shared: "shared with other workloads; absolute figures are noisy, ratios are taken in the same run" },
    sizes: { small: SMALL, large: LARGE },
    table: rows,
    figures: {
      statusLoad: a.status,
      bitfinexCalls: { small: a.calls, large: b.calls },
      paidLatency: a.paid,
      pageWeight: a.weight,
      pageSpeed: a.speed,
      invoiceCost: a.invoice,
      memory: { smallMiB: a.calls.rssMiB, largeMiB: b.calls.rssMiB, change: memoryChange },
    },
  };
  writeFileSync("bench/results.json", JSON.stringify(results, null, 2) + "\n");

  console.log("\n| figure | measured | target | met |\n|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.target} | ${r.met ? "yes" : "NO"} |`);
  console.log("\nwritten: bench/results.json");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
