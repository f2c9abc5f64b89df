/**
 * Open-loop load at a steady rate: requests are sent evenly spread in time, whether or not
 * earlier ones have been answered, over a pool of up to `connections` keep-alive connections, as
 * many independent payment pages polling would arrive. (autocannon's own rate limit releases each
 * second's quota at once, in a burst at the start of the second, which measures the burst.)
 */
import { Agent, request } from "node:http";
import { round, summarize } from "./stats";

export async function pacedLoad(opts: {
  origin: string;
  paths: string[];
  ratePerSecond: number;
  seconds: number;
  connections: number;
}) {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const { hostname, port } = new URL(opts.origin);
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request({ host: hostname, port, path, agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200 || res.statusCode === 304) latencies.push(performance.now() - t0);
          else failures++;
          resolve();
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        failures++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  const total = Math.round(opts.ratePerSecond * opts.seconds);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * opts.ratePerSecond));
    while (sent < due) {
      const p = one(opts.paths[sent % opts.paths.length]!);
      sent++;
      inflight.add(p);
      void p.then(() => inflight.delete(p));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const s = summarize(latencies.length > 0 ? latencies : [Number.NaN]);
  return {
    ratePerSecond: opts.ratePerSecond,
    achieved: round(latencies.length / elapsed),
    p50: s.p50,
    p99: s.p99,
    max: s.max,
    requests: sent,
    failures,
  };
}
