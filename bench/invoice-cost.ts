/**
 * Figure: our cost on invoice creation. For each sample a checkout is made over the merchant API,
 * then the customer's `POST /api/checkouts/{id}/payment` is timed from the outside. The sandbox
 * logs its own time for every call it answers (GET /sandbox/control/state → requests.recent),
 * and the calls made during that POST are subtracted: what is left is the app's own work
 * (validation, the claim row, signing, state change, the answer).
 *
 * The sandbox lives inside the app, so each of its calls also costs a loopback HTTP request
 * through Next's router, which a real Bitfinex call replaces with the network. That overhead is
 * measured in the same run — a cheap public sandbox call (platform status) made by the bench
 * right after each sample, its round trip minus the sandbox's logged time — and reported both
 * ways: `ours` subtracts the whole sandbox call (handler + loopback, what the app waits for),
 * `oursStrict` only the sandbox's handler time, so it errs against us. For scale on a noisy
 * machine, a lone status poll is timed beside each sample.
 * Samples run one after another, well inside the sandbox's 90-a-minute Pay limit.
 */
import { getJson } from "./server";
import { percentile, round, summarize } from "./stats";

export const MERCHANT_AUTH = { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl" };
const WARMUP = 5;
const SAMPLES = 30;

interface Recent {
  at: number;
  apiPath: string;
  status: number;
  ms: number;
}

export async function newCheckout(origin: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${origin}/api/v1/checkouts`, {
    method: "POST",
    headers: { ...MERCHANT_AUTH, "content-type": "application/json" },
    body: JSON.stringify({
      amount: "25.00",
      currency: "USD",
      orderId: `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      ...body,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 201) throw new Error(`create checkout: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function startPaying(origin: string, id: string, payCurrency = "BTC"): Promise<void> {
  const res = await fetch(`${origin}/api/checkouts/${id}/payment`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ payCurrency }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`start payment: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

interface Window {
  from: number;
  to: number;
  totalMs: number;
}

const loggedIn = (recent: Recent[], w: Window) => recent.filter((r) => r.at >= w.from && r.at <= w.to);

/** Times `work` from the outside, with the wall-clock window the sandbox's log is matched against. */
async function timed(work: () => Promise<void>): Promise<Window> {
  const from = Date.now();
  const t0 = performance.now();
  await work();
  const totalMs = performance.now() - t0;
  return { from, to: Date.now(), totalMs };
}

export async function measureInvoiceCost(origin: string) {
  const starts: Window[] = [];
  const loopbacks: Window[] = [];
  const polls: number[] = [];
  for (let n = 0; n < WARMUP + SAMPLES; n++) {
    const id = await newCheckout(origin);
    const start = await timed(() => startPaying(origin, id));
    const loopback = await timed(async () => {
      const res = await fetch(`${origin}/sandbox/bitfinex/v2/platform/status`);
      await res.arrayBuffer();
    });
    // For scale: one status poll (a primary-key read and Next's routing), alone, same moment.
    const poll = await timed(async () => {
      const res = await fetch(`${origin}/api/checkouts/${id}/status`);
      await res.arrayBuffer();
    });
    if (n >= WARMUP) {
      starts.push(start);
      loopbacks.push(loopback);
      polls.push(poll.totalMs);
    }
  }
  const { requests } = await getJson<{ requests: { recent: Recent[] } }>(`${origin}/sandbox/control/state`);
  // Round trip of a sandbox call beyond the sandbox's own handler time.
  const overheads = loopbacks.map((w) => {
    const [call] = loggedIn(requests.recent, w);
    if (!call) throw new Error("the loopback call was not logged");
    return w.totalMs - call.ms;
  });
  const loopbackMs = percentile(overheads, 50);
  const samples = starts.map((w) => {
    const calls = loggedIn(requests.recent, w);
    if (calls.length === 0) throw new Error("no sandbox call logged during a payment start");
    const handlerMs = calls.reduce((s, r) => s + r.ms, 0);
    const sandboxMs = handlerMs + calls.length * loopbackMs;
    return {
      totalMs: w.totalMs,
      handlerMs,
      sandboxMs,
      oursMs: w.totalMs - sandboxMs,
      oursStrictMs: w.totalMs - handlerMs,
      calls: calls.length,
    };
  });
  return {
    samples: samples.length,
    ours: summarize(samples.map((s) => s.oursMs)),
    oursStrict: summarize(samples.map((s) => s.oursStrictMs)),
    total: summarize(samples.map((s) => s.totalMs)),
    sandbox: summarize(samples.map((s) => s.sandboxMs)),
    sandboxHandler: summarize(samples.map((s) => s.handlerMs)),
    loopbackOverheadMs: round(loopbackMs),
    statusPollMs: summarize(polls),
    callsPerStart: round(samples.reduce((s, x) => s + x.calls, 0) / samples.length, 2),
  };
}
