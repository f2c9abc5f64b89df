/**
 * Figure: our cost on invoice creation. For each sample a checkout is made over the merchant API,
 * then the customer's `POST /api/checkouts/{id}/payment` is timed from the outside. The sandbox
 * logs its own time for every call it answers (GET /sandbox/control/state → requests.recent),
 * and the calls made during that POST are subtracted: what is left is the app's own work
 * (validation, the claim row, signing, state change, the answer). The round trip from the app to
 * the in-process sandbox route and back is counted as ours, so the figure errs against us.
 * Samples run one after another, well inside the sandbox's 90-a-minute Pay limit.
 */
import { getJson } from "./server";
import { round, summarize } from "./stats";

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
    body: JSON.stringify({ amount: "25.00", currency: "USD", orderId: `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...body }),
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

export async function measureInvoiceCost(origin: string) {
  const windows: Array<{ from: number; to: number; totalMs: number }> = [];
  for (let n = 0; n < WARMUP + SAMPLES; n++) {
    const id = await newCheckout(origin);
    const from = Date.now();
    const t0 = performance.now();
    await startPaying(origin, id);
    const totalMs = performance.now() - t0;
    if (n >= WARMUP) windows.push({ from, to: Date.now(), totalMs });
  }
  const { requests } = await getJson<{ requests: { recent: Recent[] } }>(`${origin}/sandbox/control/state`);
  const samples = windows.map((w) => {
    const calls = requests.recent.filter((r) => r.at >= w.from && r.at <= w.to);
    if (calls.length === 0) throw new Error("no sandbox call logged during a payment start");
    const sandboxMs = calls.reduce((s, r) => s + r.ms, 0);
    return { totalMs: w.totalMs, sandboxMs, oursMs: w.totalMs - sandboxMs, calls: calls.map((c) => c.apiPath) };
  });
  return {
    samples: samples.length,
    ours: summarize(samples.map((s) => s.oursMs)),
    total: summarize(samples.map((s) => s.totalMs)),
    sandbox: summarize(samples.map((s) => s.sandboxMs)),
    callsPerStart: round(samples.reduce((s, x) => s + x.calls.length, 0) / samples.length, 2),
  };
}
