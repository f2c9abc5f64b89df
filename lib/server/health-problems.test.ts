import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GoLiveReport } from "../rail-health/go-live";
import { healthVerdict, type HealthFacts } from "./health-problems";

const allGood: GoLiveReport = {
  checkedAt: "2026-12-06T02:00:00.000Z",
  permissions: { status: "ok", missing: [], problem: null },
  depositAddresses: { status: "ok", ready: ["BTC", "LNX", "UST-TRX"], missing: [], pending: [] },
};
const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({
  mode: "live",
  appUrl: "https://pay.shop.example",
  railsAvailable: { pay: true, lightning: true },
  goLive: allGood,
  webhookConfigured: true,
  bitfinexWebhook: true,
  ...over,
});

describe("overall health", () => {
  it("ok only when every go-live check passes and a rail works", () => {
    assert.deepEqual(healthVerdict(facts()), { status: "ok", problems: [], warnings: [] });
  });

  it("degraded while a deposit address is missing, saying for which currencies", () => {
    const v = healthVerdict(
      facts({
        goLive: {
          ...allGood,
          depositAddresses: {
            status: "missing",
            ready: ["BTC"],
            missing: [
              { payCurrency: "LNX", method: "LNX", reason: "no address" },
              { payCurrency: "UST-TRX", method: "TETHERUSX", reason: "no address" },
            ],
            pending: [],
          },
        },
      }),
    );
    assert.equal(v.status, "degraded");
    assert.deepEqual(
      v.problems.map((p) => p.code),
      ["deposit_addresses"],
    );
    assert.match(v.problems[0]!.message, /LNX, UST-TRX/);
  });

  it("degraded while the key lacks a permission, and when no rail works", () => {
    const v = healthVerdict(
      facts({
        railsAvailable: { pay: false, lightning: false },
        goLive: { ...allGood, permissions: { status: "missing", missing: ["orders:write"], problem: null } },
      }),
    );
    assert.equal(v.status, "degraded");
    assert.deepEqual(
      v.problems.map((p) => p.code),
      ["no_rail", "key_permissions"],
    );
    assert.match(v.problems[1]!.message, /orders:write/);
  });

  it("a check not yet run or unknown does not count as failing", () => {
    const v = healthVerdict(
      facts({
        goLive: {
          checkedAt: null,
          permissions: { status: "unknown", missing: [], problem: "timeout" },
          depositAddresses: { status: "checking", ready: [], missing: [], pending: ["BTC"] },
        },
      }),
    );
    assert.equal(v.status, "ok");
  });

  it("live mode: an http:// APP_URL (Bitfinex's webhook off) and no merchant webhook URL are said, not degraded", () => {
    const v = healthVerdict(
      facts({ appUrl: "http://shop.lan:3000", bitfinexWebhook: false, webhookConfigured: false }),
    );
    assert.equal(v.status, "ok");
    assert.deepEqual(
      v.warnings.map((w) => w.code),
      ["bitfinex_webhook_off", "webhook_url_missing"],
    );
    assert.match(v.warnings[0]!.message, /http:\/\/shop\.lan:3000.*Bitfinex's webhook is off/);
    assert.deepEqual(
      healthVerdict(facts({ mode: "sandbox", bitfinexWebhook: false, webhookConfigured: false })).warnings,
      [],
    );
  });
});
