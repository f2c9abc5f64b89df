import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicHealth } from "./public-health";

type Report = Parameters<typeof publicHealth>[0];

const SQL_ERROR =
  'connect ECONNREFUSED 10.0.3.7:5432 — select "id" from "checkouts" where user "checkout_app" password authentication failed';

function report(overrides: Partial<Record<keyof Report, unknown>> = {}): Report {
  return {
    status: "degraded",
    problems: [
      { code: "key_permissions", message: `The key lacks settings:read ${SQL_ERROR}` },
      { code: "deposit_addresses", message: `No deposit address for UST-TRX ${SQL_ERROR}` },
      { code: SQL_ERROR, message: SQL_ERROR },
    ],
    warnings: [{ code: "bitfinex_webhook_off", message: `APP_URL ${SQL_ERROR}` }],
    bitfinexHost: "10.0.3.7:5432",
    mode: "live",
    rails: {
      pay: { available: false, reason: "network", detail: `Bitfinex could not be reached: ${SQL_ERROR}`, checkedAt: 1 },
      lightning: { available: true, reason: null, detail: "Lightning deposit invoices are available.", checkedAt: 1 },
    },
    railsCheckedSecondsAgo: 12,
    bitfinex: {
      errorsLastHour: 3,
      calls: 40,
      queued: 0,
      usage: { pay: { used: 2, limit: 90 } },
      // A word Bitfinex answered that the app does not know: its code is public, the word is not.
      unknownAnswers: [
        {
          kind: "lightning_status" as const,
          word: `not_paid'; ${SQL_ERROR}`,
          firstSeenAt: "2026-11-29T02:00:00.000Z",
          lastSeenAt: "2026-11-29T02:00:00.000Z",
          checkoutId: "co_1",
          text: "Bitfinex answered a Lightning status this app does not know: …",
        },
      ],
    },
    lastLightningRateAt: "2026-11-29T02:00:00.000Z",
    reconciler: {
      lastTickAt: "2026-11-29T02:01:00.000Z",
      lagSeconds: 4,
      lastError: SQL_ERROR,
      errorCode: "tick_failed",
    },
    notifications: { pending: 2, failed: 0, oldestPendingSeconds: 30, configured: true },
    goLive: {
      checkedAt: "2026-11-29T02:01:00.000Z",
      permissions: { status: "missing", missing: ["settings:read", "settings:write"], problem: null },
      depositAddresses: {
        status: "missing",
        ready: ["BTC"],
        missing: [{ payCurrency: "UST-TRX", method: "TETHERUSX", reason: `ERROR: ${SQL_ERROR}` }],
        pending: [],
      },
    },
    ...overrides,
  } as Report;
}

describe("public health", () => {
  it("keeps status, mode, rails with reason codes, lags and counts, and no error text", () => {
    const body = publicHealth(report());
    assert.deepEqual(body, {
      status: "degraded",
      // Which checks fail, by code only (an unknown code is dropped).
      problems: ["key_permissions", "deposit_addresses"],
      warnings: ["bitfinex_webhook_off"],
      mode: "live",
      rails: { pay: { available: false, reason: "network" }, lightning: { available: true, reason: null } },
      railsCheckedSecondsAgo: 12,
      bitfinex: { errorsLastHour: 3, queued: 0, unknownAnswers: ["lightning_status_unknown"] },
      lastLightningRateAt: "2026-11-29T02:00:00.000Z",
      reconciler: { lastTickAt: "2026-11-29T02:01:00.000Z", lagSeconds: 4, error: "tick_failed" },
      notifications: { pending: 2, failed: 0, oldestPendingSeconds: 30, configured: true },
      // What is missing for going live, by name; Bitfinex's reason stays on the signed-in page.
      goLive: {
        permissions: { status: "missing", missing: ["settings:read", "settings:write"] },
        depositAddresses: {
          status: "missing",
          ready: ["BTC"],
          missing: [{ payCurrency: "UST-TRX", method: "TETHERUSX" }],
          pending: [],
        },
      },
    });
    const text = JSON.stringify(body);
    for (const leak of ["5432", "10.0.3.7", "select", "checkout_app", "password", "ECONNREFUSED"])
      assert.ok(!text.includes(leak), leak);
  });

  it("a database outage is the code database_unavailable, not the driver's message", () => {
    const body = publicHealth(
      report({
        reconciler: { lastTickAt: null, lagSeconds: null, lastError: SQL_ERROR, errorCode: "database_unavailable" },
      }),
    );
    assert.deepEqual(body.reconciler, { lastTickAt: null, lagSeconds: null, error: "database_unavailable" });
  });

  it("fields added to the full report later stay private until mapped on purpose", () => {
    const body = publicHealth({
      ...report(),
      keyPermissions: { withdraw: true },
      depositAddresses: ["bc1qsecret"],
    } as Report);
    assert.ok(!JSON.stringify(body).includes("bc1qsecret"));
    assert.deepEqual(Object.keys(body).sort(), [
      "bitfinex",
      "goLive",
      "lastLightningRateAt",
      "mode",
      "notifications",
      "problems",
      "rails",
      "railsCheckedSecondsAgo",
      "reconciler",
      "status",
      "warnings",
    ]);
  });

  it("text where a code, a number or a time belongs is dropped, never passed on", () => {
    const body = publicHealth(
      report({
        rails: {
          pay: { available: false, reason: SQL_ERROR, detail: "", checkedAt: 0 },
          lightning: { available: "yes", reason: null, detail: "", checkedAt: 0 },
        },
        railsCheckedSecondsAgo: Infinity,
        lastLightningRateAt: SQL_ERROR,
        reconciler: { lastTickAt: "db down", lagSeconds: "lots", lastError: SQL_ERROR, errorCode: SQL_ERROR },
      }),
    );
    assert.deepEqual(body.rails, {
      pay: { available: false, reason: "upstream" },
      lightning: { available: false, reason: null },
    });
    assert.equal(body.railsCheckedSecondsAgo, null);
    assert.equal(body.lastLightningRateAt, null);
    assert.deepEqual(body.reconciler, { lastTickAt: null, lagSeconds: null, error: null });
  });
});
