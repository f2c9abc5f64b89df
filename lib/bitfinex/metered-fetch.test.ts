import assert from "node:assert/strict";
import { test } from "node:test";
import { metrics } from "../observability/metrics";
import { meteredFetch } from "./metered-fetch";

async function count(family: string, outcome: string): Promise<number> {
  const metric = await metrics().bitfinexRequests.get();
  return metric.values.find((v) => v.labels.family === family && v.labels.outcome === outcome)?.value ?? 0;
}

test("every request to Bitfinex is counted by family and outcome, whatever its base URL", async () => {
  const answers: Array<Response | Error> = [
    new Response("[]", { status: 200 }),
    new Response('["error",11010,"ratelimit: error"]', { status: 429 }),
    new Response('["error",10020,"apikey: invalid"]', { status: 500 }),
    Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }),
  ];
  const inner = (async () => {
    const next = answers.shift()!;
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  const f = meteredFetch(inner);
  const base = "http://127.0.0.1:3100/sandbox/bitfinex";
  const before = {
    ok: await count("pay", "ok"),
    limited: await count("deposit_invoice", "http_429"),
    failed: await count("account", "http_5xx"),
    timeout: await count("public", "timeout"),
  };
  await f(`${base}/v2/auth/r/ext/pay/invoices`, { method: "POST" });
  await f(new URL(`${base}/v2/auth/w/deposit/invoice`), { method: "POST" });
  await f(`${base}/v2/auth/r/wallets`, { method: "POST" });
  await assert.rejects(f(`${base}/v2/ticker/tBTCUSD`), { name: "TimeoutError" });
  assert.equal(await count("pay", "ok"), before.ok + 1);
  assert.equal(await count("deposit_invoice", "http_429"), before.limited + 1);
  assert.equal(await count("account", "http_5xx"), before.failed + 1);
  assert.equal(await count("public", "timeout"), before.timeout + 1);
});
