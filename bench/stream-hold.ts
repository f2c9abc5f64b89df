/**
 * Figure: 1,000 open payment pages hold their status streams, and the app's memory stays flat.
 * Each "page" is a plain HTTP client on GET /api/checkouts/{id}/events (one per open checkout,
 * as the pages would be), read until its first status event, then held open. The server's
 * resident memory is sampled before any stream and while all are held (medians of several
 * samples); at the end a change is made to some of the checkouts and each of their streams must
 * hear it, so the streams were not only open but alive.
 */
import { request, type ClientRequest } from "node:http";
import type { BenchServer } from "./server";
import { sleep } from "./server";
import { percentile, relativeChange, round } from "./stats";

interface Held {
  req: ClientRequest;
  events: number;
  ended: boolean;
}

function open(origin: string, id: string): Promise<Held> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const held: Held = { req: null as unknown as ClientRequest, events: 0, ended: false };
    held.req = request({ host: hostname, port, path: `/api/checkouts/${id}/events` }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream ${id}: ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        held.events += chunk.split("event: status").length - 1;
        if (held.events === 1) resolve(held);
      });
      res.on("end", () => (held.ended = true));
      res.on("error", () => (held.ended = true));
    });
    held.req.on("error", reject);
    held.req.end();
  });
}

async function rssMedian(server: BenchServer, samples = 5): Promise<number> {
  const xs: number[] = [];
  for (let n = 0; n < samples; n++) {
    xs.push(server.rssMiB());
    await sleep(1_000);
  }
  return round(percentile(xs, 50));
}

export async function measureStreamHold(server: BenchServer, ids: string[], count = 1000) {
  const baselineMiB = await rssMedian(server);
  const streams: Held[] = [];
  const started = performance.now();
  // A few at a time, as pages open: the connections all stay open.
  for (let i = 0; i < count; i += 50)
    streams.push(...(await Promise.all(ids.slice(i, Math.min(count, i + 50)).map((id) => open(server.origin, id)))));
  const openMs = round(performance.now() - started);
  await sleep(5_000);
  const heldMiB = await rssMedian(server, 10);
  // Alive, not only open: a change reaches each of these pages.
  const poked = streams.slice(0, 20);
  const before = poked.map((s) => s.events);
  for (let n = 0; n < poked.length; n++) {
    const res = await fetch(`${server.origin}/sandbox/control/checkouts/${ids[n]}/expire-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: 1800 + n }),
    });
    if (!res.ok) throw new Error(`expire-in: ${res.status}`);
  }
  const deadline = Date.now() + 10_000;
  while (poked.some((s, n) => s.events <= before[n]!) && Date.now() < deadline) await sleep(50);
  const heard = poked.filter((s, n) => s.events > before[n]!).length;
  const stillOpen = streams.filter((s) => !s.ended).length;
  for (const s of streams) s.req.destroy();
  return {
    streams: count,
    openMs,
    stillOpen,
    changeHeardBy: `${heard}/${poked.length}`,
    baselineMiB,
    heldMiB,
    change: round(relativeChange(baselineMiB, heldMiB), 3),
  };
}
