/**
 * Figure: Bitfinex calls while customers wait. Every open checkout is polled through its status
 * endpoint (as its payment page does) for a warm-up and then 60 s, and the sandbox — which stands
 * where api.bitfinex.com would — says how many requests reached it in that minute and how many it
 * answered 429. Run once per server size (1,000 and 10,000 open checkouts), with the app in live
 * mode and the sandbox in a process of its own (bench/sandbox-server.ts), so the calls cross a
 * real process boundary and the app's resident memory (the median of readings every 5 s through
 * the minute) holds no sandbox state.
 *
 * Polling rate: a fixed 100 polls a second at both sizes, cycling through every checkout (each
 * is seen every 10 s at 1,000 and every 100 s at 10,000). That keeps this shared 2-core machine
 * below saturation (the bare route serves a few hundred requests a second here), and it is the
 * worst case for the budget all the same: a poll moves its checkout's next reconciler check to
 * a few seconds away (lib/checkouts/watch.ts), so every checkout is soon due at once. Polls
 * themselves never call Bitfinex.
 */
import autocannon from "autocannon";
import { getJson, sleep, type BenchServer } from "./server";
import { percentile, round } from "./stats";

interface SandboxState {
  requests: {
    total: number;
    lastMinute: number;
    rateLimitedLastMinute: number;
    recent: Array<{ at: number; apiPath: string; status: number; ms: number }>;
  };
}

export const POLL_RATE_PER_SECOND = 100;
const WARMUP_S = 15;
const WINDOW_S = 60;

/** `sandboxOrigin`: where the sandbox standing in for Bitfinex answers (its own process, or the app). */
export async function measureUpstreamCalls(server: BenchServer, checkoutIds: string[], sandboxOrigin = server.origin) {
  const state = () => getJson<SandboxState>(`${sandboxOrigin}/sandbox/control/state`);
  let i = 0;
  const paths = checkoutIds.map((id) => `/api/checkouts/${id}/status`);
  const polling = autocannon({
    url: server.origin,
    connections: 100,
    duration: WARMUP_S + WINDOW_S + 2,
    overallRate: POLL_RATE_PER_SECOND,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  await sleep(WARMUP_S * 1000);
  const before = await state();
  const startedAt = Date.now();
  // Resident memory every 5 s through the minute: one reading lands wherever the garbage
  // collector happens to be, the median does not.
  const rss: number[] = [];
  for (let t = 0; t < WINDOW_S; t += 5) {
    await sleep(5_000);
    rss.push(server.rssMiB());
  }
  const after = await state();
  const windowMs = Date.now() - startedAt;
  const rssMiB = percentile(rss, 50);
  const load = await polling;
  const calls = after.requests.total - before.requests.total;
  // Which endpoints the minute's calls went to (from the sandbox's log of recent calls).
  const byPath: Record<string, number> = {};
  for (const r of after.requests.recent) if (r.at >= startedAt) byPath[r.apiPath] = (byPath[r.apiPath] ?? 0) + 1;
  return {
    checkouts: checkoutIds.length,
    pollsPerSecond: round(load.requests.average),
    pollsTotal: load.requests.total,
    pollFailures: load.non2xx + load.errors + load.timeouts,
    pollP99Ms: load.latency.p99,
    windowSeconds: round(windowMs / 1000),
    callsInWindow: calls,
    callsPerMinute: round((calls * 60_000) / windowMs),
    sandboxLastMinute: after.requests.lastMinute,
    rateLimitedLastMinute: after.requests.rateLimitedLastMinute,
    byPath,
    rssMiB: round(rssMiB),
    rssSamplesMiB: rss.map((x) => round(x)),
  };
}
