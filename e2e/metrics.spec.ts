// /api/metrics as Prometheus scrapes it: a paid checkout moves the counters a merchant's alerts
// are built on, and a request that came through a proxy is refused without METRICS_TOKEN.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { auth, newCheckout } from "./support/checkout";

/** Sum of the samples of `name` whose labels include all of `labels` (Prometheus text format). */
async function sample(request: APIRequestContext, name: string, labels: Record<string, string> = {}) {
  const res = await request.get("/api/metrics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  let total = 0;
  for (const line of (await res.text()).split("\n")) {
    const m = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[3]);
  }
  return total;
}

test("a paid checkout moves the counters: created, paid, payment seen, Bitfinex calls", async ({ request }) => {
  const before = {
    created: await sample(request, "checkout_created_total", { source: "api" }),
    paid: await sample(request, "checkout_state_entered_total", { state: "paid" }),
    seen: await sample(request, "checkout_payment_seen_seconds_count"),
    payCalls: await sample(request, "bitfinex_requests_total", { family: "pay", outcome: "ok" }),
    paidNow: await sample(request, "checkouts", { state: "paid" }),
  };
  const checkout = await newCheckout(request);
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  const merchant = await (await request.get(`/api/v1/checkouts/${checkout.id}`, { headers: auth })).json();
  expect(
    (await request.post(`/sandbox/control/invoices/${merchant.invoices[0].bitfinexId}/pay`, { data: {} })).status(),
  ).toBe(200);
  await expect
    .poll(async () => (await (await request.get(`/api/checkouts/${checkout.id}/status`)).json()).state, {
      timeout: 15_000,
    })
    .toBe("paid");

  expect(await sample(request, "checkout_created_total", { source: "api" })).toBeGreaterThanOrEqual(before.created + 1);
  expect(await sample(request, "checkout_state_entered_total", { state: "paid" })).toBeGreaterThanOrEqual(
    before.paid + 1,
  );
  expect(await sample(request, "checkout_payment_seen_seconds_count")).toBeGreaterThanOrEqual(before.seen + 1);
  // The invoice create and at least one re-fetch went to Bitfinex Pay and were answered.
  expect(await sample(request, "bitfinex_requests_total", { family: "pay", outcome: "ok" })).toBeGreaterThanOrEqual(
    before.payCalls + 2,
  );
  expect(await sample(request, "checkouts", { state: "paid" })).toBeGreaterThanOrEqual(before.paidNow + 1);
  // Read from the database and this process at scrape time.
  expect(await sample(request, "rail_available", { rail: "lightning" })).toBe(1);
  expect(await sample(request, "process_resident_memory_bytes")).toBeGreaterThan(0);
});

test("without METRICS_TOKEN, a scrape that came through a proxy is refused", async ({ request }) => {
  const res = await request.get("/api/metrics", { headers: { "x-forwarded-for": "203.0.113.7" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toContain("METRICS_TOKEN");
});

test("the Grafana dashboard in docs/ only charts metrics the app exports", async ({ request }) => {
  const text = await (await request.get("/api/metrics")).text();
  const exported = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    exported.add(name!);
    if (type === "histogram" || type === "summary")
      for (const s of ["_bucket", "_sum", "_count"]) exported.add(name + s);
  }
  const dashboard = JSON.parse(readFileSync("docs/grafana-dashboard.json", "utf8")) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const charted = dashboard.panels.flatMap((p) =>
    p.targets.flatMap((t) =>
      // Names outside quoted label values, e.g. checkouts{state="awaiting_payment"} → checkouts.
      (t.expr.replace(/"[^"]*"/g, "").match(/[a-z_][a-z0-9_]*/g) ?? [])
        .filter((token) => (token.includes("_") && token !== "histogram_quantile") || token === "checkouts")
        .map((metric) => ({ panel: p.title, metric })),
    ),
  );
  expect(charted.length).toBeGreaterThan(10);
  expect(charted.filter((c) => !exported.has(c.metric))).toEqual([]);
});
