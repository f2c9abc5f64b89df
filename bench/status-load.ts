/**
 * Figure: the status endpoint under load. autocannon, 200 connections, on
 * GET /api/checkouts/{id}/status across every open checkout (each request the next id), against
 * the bare route (GET /sandbox/bench/{id}: constant JSON, on a dynamic segment like the status
 * endpoint and called with the same ids) in the same run, rounds interleaved so both see the
 * same machine. Two loads:
 *  - saturation: as fast as the server answers (throughput, and p99 under that queue);
 *  - paced: a steady 30% of the rate the bare route reached, spread evenly in time (open loop,
 *    bench/paced-load.ts) over up to 200 connections: the latency a customer's poll meets on a
 *    server that is busy but not overrun. (At saturation,
 *    p99 is set by the queue, not by the handler: 200 connections / throughput.) The load the
 *    checkouts' own pages make, one poll per checkout every 2 s, is reported beside it.
 */
import autocannon from "autocannon";
import { pacedLoad } from "./paced-load";
import { sleep } from "./server";
import { percentile, round } from "./stats";

export interface LoadRound {
  target: "status" | "bare";
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const CONNECTIONS = 200;

async function cannon(opts: { url: string; paths: string[]; seconds: number }): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: opts.url,
    connections: CONNECTIONS,
    duration: opts.seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: opts.paths[i++ % opts.paths.length]! }),
      },
    ],
  });
}

function toRound(target: LoadRound["target"], r: autocannon.Result): LoadRound {
  return {
    target,
    rps: round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function mean(rounds: LoadRound[], key: "rps" | "p50" | "p99"): number {
  return round(rounds.reduce((s, r) => s + r[key], 0) / rounds.length);
}

export async function measureStatusLoad(
  origin: string,
  checkoutIds: string[],
  opts: { seconds?: number; rounds?: number } = {},
) {
  const seconds = opts.seconds ?? 10;
  const statusPaths = checkoutIds.map((id) => `/api/checkouts/${id}/status`);
  const barePaths = checkoutIds.map((id) => `/sandbox/bench/${id}`);
  // Warm up both (JIT, connection pools, the database's caches); not counted.
  await cannon({ url: origin, paths: barePaths, seconds: 3 });
  await cannon({ url: origin, paths: statusPaths, seconds: 3 });

  const saturation: LoadRound[] = [];
  for (let n = 0; n < (opts.rounds ?? 2); n++) {
    saturation.push(toRound("bare", await cannon({ url: origin, paths: barePaths, seconds })));
    saturation.push(toRound("status", await cannon({ url: origin, paths: statusPaths, seconds })));
  }
  const bare = saturation.filter((r) => r.target === "bare");
  const status = saturation.filter((r) => r.target === "status");

  const pacedRate = Math.max(10, Math.round(0.3 * mean(bare, "rps")));
  const pagesRate = Math.round(checkoutIds.length / 2);
  // A pause first: the server may still be working off the queue a saturated round left behind.
  const pace = async (paths: string[], rate = pacedRate) => {
    await sleep(3_000);
    return pacedLoad({ origin, paths, ratePerSecond: rate, seconds: 8, connections: CONNECTIONS });
  };
  // Three short rounds each, interleaved; the median round's p99 is the figure, so one stall of
  // the shared machine (or a garbage collection) lands in one round rather than deciding it.
  const pacedBareRounds = [];
  const pacedStatusRounds = [];
  for (let n = 0; n < 3; n++) {
    pacedBareRounds.push(await pace(barePaths));
    pacedStatusRounds.push(await pace(statusPaths));
  }
  const median = (xs: number[]) => percentile(xs, 50);

  return {
    connections: CONNECTIONS,
    checkouts: checkoutIds.length,
    secondsPerRound: seconds,
    saturation: {
      rounds: saturation,
      statusRps: mean(status, "rps"),
      bareRps: mean(bare, "rps"),
      throughputRatio: round(mean(status, "rps") / mean(bare, "rps"), 3),
      statusP99: mean(status, "p99"),
      bareP99: mean(bare, "p99"),
    },
    paced: {
      ratePerSecond: pacedRate,
      bare: pacedBareRounds,
      status: pacedStatusRounds,
      statusP99: median(pacedStatusRounds.map((r) => r.p99)),
      bareP99: median(pacedBareRounds.map((r) => r.p99)),
      statusP50: median(pacedStatusRounds.map((r) => r.p50)),
      bareP50: median(pacedBareRounds.map((r) => r.p50)),
    },
    /** At the rate the checkouts' own pages would poll (one each every 2 s), when this machine can serve it. */
    pagesRate:
      pagesRate <= 0.8 * mean(status, "rps")
        ? await pace(statusPaths, pagesRate)
        : { ratePerSecond: pagesRate, skipped: "above 80% of what this machine served at saturation" },
    failures:
      saturation.reduce((s, r) => s + r.non2xx, 0) +
      [...pacedBareRounds, ...pacedStatusRounds].reduce((s, r) => s + r.failures, 0),
    /** Requests autocannon gave up on after 10 s at saturation (the queue, not errors of the app). */
    saturationTimeouts: saturation.reduce((s, r) => s + r.errors, 0),
  };
}
