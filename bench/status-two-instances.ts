/**
 * Figure: the status endpoint on PostgreSQL, two app instances on one database (as a merchant
 * who outgrew one machine runs it), against the bare route of the same instances in the same run.
 *  - saturation: autocannon on both instances at once (half the connections each), status and
 *    bare rounds interleaved; throughput is the sum over both;
 *  - database transactions per poll: PostgreSQL's own count for the database (pg_stat_database,
 *    commits + rollbacks) over the status rounds, less what an idle window of the same length
 *    counted (the reconciler, deliveries and settings run whether or not anyone polls), divided
 *    by the polls answered; the count with the background left in is reported beside it;
 *  - steady load: 30% of the bare rate, spread evenly over both instances, median of 3 rounds' p99;
 *  - a change on one instance seen by a poll on the other: the deadline of a checkout is moved on
 *    instance A (the sandbox's expire-in control, a plain write to the row), then instance B is
 *    polled every 5 ms until its answer shows it; B had answered that checkout just before, so a
 *    stale cache would show.
 */
import autocannon from "autocannon";
import { pacedLoad } from "./paced-load";
import { sleep } from "./server";
import { percentile, round, summarize } from "./stats";

const CONNECTIONS = 200;

async function cannonBoth(origins: string[], paths: string[], seconds: number) {
  const runs = origins.map((url, n) => {
    let i = n;
    return autocannon({
      url,
      connections: CONNECTIONS / origins.length,
      duration: seconds,
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    });
  });
  const results = await Promise.all(runs);
  return {
    rps: round(results.reduce((s, r) => s + r.requests.average, 0)),
    requests: results.reduce((s, r) => s + r.requests.total, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
  };
}

/** Commits + rollbacks in the database so far, as PostgreSQL counts them. */
async function transactions(databaseUrl: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

// Backends report their counts to the statistics at most once a second while busy and within
// 10 s once idle: read only after that, so every transaction of the load is counted.
const STATS_SETTLE_MS = 11_000;

async function propagation(a: string, b: string, ids: string[], samples: number) {
  const ms: number[] = [];
  for (let n = 0; n < samples; n++) {
    const id = ids[(n * 7) % ids.length]!;
    const before = (await (await fetch(`${b}/api/checkouts/${id}/status`)).json()) as { expiresAt: string };
    const res = await fetch(`${a}/sandbox/control/checkouts/${id}/expire-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: 1200 + n }),
    });
    if (!res.ok) throw new Error(`expire-in on A: ${res.status} ${await res.text()}`);
    const written = performance.now();
    for (;;) {
      const now = (await (await fetch(`${b}/api/checkouts/${id}/status`)).json()) as { expiresAt: string };
      if (now.expiresAt !== before.expiresAt) break;
      if (performance.now() - written > 10_000) throw new Error(`B never saw the change of ${id}`);
      await sleep(5);
    }
    ms.push(performance.now() - written);
  }
  return summarize(ms);
}

export async function measureTwoInstances(opts: { origins: [string, string]; databaseUrl: string; ids: string[] }) {
  const { origins, ids } = opts;
  const status = ids.map((id) => `/api/checkouts/${id}/status`);
  const bare = ids.map((id) => `/sandbox/bench/${id}`);
  const seconds = 10;
  await cannonBoth(origins, bare, 3);
  await cannonBoth(origins, status, 3);

  const rounds: { bare: Awaited<ReturnType<typeof cannonBoth>>[]; status: Awaited<ReturnType<typeof cannonBoth>>[] } = {
    bare: [],
    status: [],
  };
  // What the instances do anyway (reconciler, deliveries, settings, limits) is measured over an
  // idle window as long as each status window, and taken out: what is left is the polls' own cost.
  let statusTransactions = 0;
  let backgroundTransactions = 0;
  for (let n = 0; n < 2; n++) {
    rounds.bare.push(await cannonBoth(origins, bare, seconds));
    await sleep(STATS_SETTLE_MS);
    const t0 = await transactions(opts.databaseUrl);
    await sleep(seconds * 1000 + STATS_SETTLE_MS);
    const t1 = await transactions(opts.databaseUrl);
    rounds.status.push(await cannonBoth(origins, status, seconds));
    await sleep(STATS_SETTLE_MS);
    const t2 = await transactions(opts.databaseUrl);
    // Each read of the count is itself a transaction: one per window.
    backgroundTransactions += t1 - t0 - 1;
    statusTransactions += t2 - t1 - 1;
  }
  const mean = (xs: { rps: number }[]) => xs.reduce((s, r) => s + r.rps, 0) / xs.length;
  const polls = rounds.status.reduce((s, r) => s + r.requests, 0);

  const pacedRate = Math.max(10, Math.round(0.3 * mean(rounds.bare)));
  const pace = async (paths: string[]) => {
    await sleep(3_000);
    const both = await Promise.all(
      origins.map((origin) =>
        pacedLoad({ origin, paths, ratePerSecond: pacedRate / 2, seconds: 8, connections: CONNECTIONS / 2 }),
      ),
    );
    return { p99: Math.max(...both.map((r) => r.p99)), failures: both.reduce((s, r) => s + r.failures, 0) };
  };
  const pacedBare = [];
  const pacedStatus = [];
  for (let n = 0; n < 3; n++) {
    pacedBare.push(await pace(bare));
    pacedStatus.push(await pace(status));
  }
  const median = (xs: number[]) => percentile(xs, 50);
  const statusP99 = median(pacedStatus.map((r) => r.p99));
  const bareP99 = median(pacedBare.map((r) => r.p99));

  return {
    instances: 2,
    checkouts: ids.length,
    saturation: {
      statusRps: round(mean(rounds.status)),
      bareRps: round(mean(rounds.bare)),
      throughputRatio: round(mean(rounds.status) / mean(rounds.bare), 3),
      rounds,
    },
    /** The polls' own: the status windows' transactions minus the idle windows'. */
    transactionsPerPoll: round(Math.max(0, statusTransactions - backgroundTransactions) / polls, 4),
    /** Everything counted in the status windows, background included. */
    transactionsPerPollAll: round(statusTransactions / polls, 4),
    backgroundTransactionsPerSecond: round(backgroundTransactions / (2 * (seconds + STATS_SETTLE_MS / 1000)), 1),
    polls,
    paced: { ratePerSecond: pacedRate, statusP99, bareP99, p99Ratio: round(statusP99 / bareP99, 2) },
    otherInstanceSeesChangeMs: await propagation(origins[0], origins[1], ids, 40),
    failures:
      [...rounds.bare, ...rounds.status].reduce((s, r) => s + r.non2xx, 0) +
      [...pacedBare, ...pacedStatus].reduce((s, r) => s + r.failures, 0),
  };
}
