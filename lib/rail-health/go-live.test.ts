/**
 * The go-live checks against the sandbox: a key without a scope invoices need is named, deposit
 * addresses are created for each offered currency (op_renew 0, paced under Bitfinex's 10 a minute)
 * and remembered, and a currency the account cannot take deposits in is named with Bitfinex's reason.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "../db/connect";
import { appState } from "../db/schema";
import { startEngine, type Engine } from "../../test/support/checkout-harness";
import { GoLiveChecks } from "./go-live";

describe("go-live checks", () => {
  let engine: Engine;
  const sleeps: number[] = [];
  let offered = ["BTC", "LNX", "UST-TRX"];
  let checks: GoLiveChecks;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
    checks = new GoLiveChecks({
      db: engine.deps.db,
      bitfinex: engine.deps.bitfinex,
      offered: async () => offered,
      log: () => {},
      sleep: async (ms) => void sleeps.push(ms),
    });
  });
  after(() => engine.close());

  it("all good: every scope, and an address made for each offered currency, one call every 7 s", async () => {
    const before = engine.calls("deposit/address");
    await checks.run();
    const r = checks.current();
    assert.equal(r.permissions.status, "ok");
    assert.deepEqual(r.depositAddresses, { status: "ok", ready: ["BTC", "LNX", "UST-TRX"], missing: [], pending: [] });
    assert.equal(engine.calls("deposit/address") - before, 3);
    assert.deepEqual(sleeps, [7000, 7000], "calls are spaced under Bitfinex's 10 a minute");
    const keys = (await engine.deps.db.select().from(appState)).map((r) => r.key).sort();
    assert.deepEqual(
      keys.filter((k) => k.includes("deposit_address")),
      ["deposit_address:BITCOIN", "deposit_address:TETHERUSX", "lnx_deposit_address"],
    );
    // Known addresses are not asked for again.
    await checks.run();
    assert.equal(engine.calls("deposit/address") - before, 3);
  });

  it("names a missing key scope and a currency the account cannot take deposits in", async () => {
    await engine.harness.control("key", { missingScopes: ["settings"] });
    await engine.harness.control("deposit-methods", { disabled: ["TETHERUSE"] });
    offered = ["BTC", "UST-ETH"];
    try {
      await checks.run();
      const r = checks.current();
      assert.equal(r.permissions.status, "missing");
      assert.deepEqual(r.permissions.missing, ["settings:read", "settings:write"]);
      assert.equal(r.depositAddresses.status, "missing");
      assert.deepEqual(r.depositAddresses.ready, ["BTC"]);
      assert.deepEqual(r.depositAddresses.missing, [
        {
          payCurrency: "UST-ETH",
          method: "TETHERUSE",
          reason: "ERROR: Deposits in TETHERUSE are not available for this account",
        },
      ]);
    } finally {
      await engine.harness.control("key", { missingScopes: [] });
      await engine.harness.control("deposit-methods", { disabled: [] });
    }
  });

  it("stop() ends the wait between two address calls at once and makes no further call (a graceful stop)", async () => {
    offered = ["UST-PLY", "UST-TON"];
    let waiting = false;
    const stoppable = new GoLiveChecks({
      db: engine.deps.db,
      bitfinex: engine.deps.bitfinex,
      offered: async () => offered,
      log: () => {},
      // 7 s that only stop() ends.
      sleep: (_ms, signal) =>
        new Promise<void>((resolve) => {
          waiting = true;
          signal.addEventListener("abort", () => resolve());
        }),
    });
    const before = engine.calls("deposit/address");
    const round = stoppable.run();
    while (!waiting) await new Promise((r) => setImmediate(r));
    assert.equal(engine.calls("deposit/address") - before, 1, "UST-PLY's address was asked for");
    await stoppable.stop();
    await round;
    assert.equal(engine.calls("deposit/address") - before, 1, "no call after stop()");
    assert.deepEqual(stoppable.current().depositAddresses.ready, ["UST-PLY"]);
    assert.deepEqual(stoppable.current().depositAddresses.pending, ["UST-TON"]);
  });

  it("two instances on one database: only the one allowed makes addresses; the other shows what it recorded, made or not", async () => {
    offered = ["ETH", "LTC"];
    await engine.harness.control("deposit-methods", { disabled: ["LITECOIN"] });
    const other = (mayCreate: boolean) =>
      new GoLiveChecks({
        db: engine.deps.db,
        bitfinex: engine.deps.bitfinex,
        offered: async () => offered,
        log: () => {},
        sleep: async () => {},
        mayCreate: async () => mayCreate,
      });
    const follower = other(false);
    const maker = other(true);
    try {
      const before = engine.calls("deposit/address");
      await follower.run();
      assert.equal(engine.calls("deposit/address"), before, "the follower asks Bitfinex for no address");
      assert.equal(follower.current().depositAddresses.status, "checking");
      assert.deepEqual(follower.current().depositAddresses.pending, ["ETH", "LTC"]);
      await maker.run();
      assert.equal(engine.calls("deposit/address") - before, 2);
      await follower.run();
      assert.equal(engine.calls("deposit/address") - before, 2, "still none from the follower");
      assert.deepEqual(follower.current().depositAddresses, maker.current().depositAddresses);
      assert.equal(follower.current().depositAddresses.status, "missing");
      assert.deepEqual(
        follower.current().depositAddresses.missing.map((m) => m.payCurrency),
        ["LTC"],
        "Bitfinex's refusal, as the maker recorded it",
      );
      // The account takes LITECOIN again: the maker's next round makes it, and the follower sees it ok.
      await engine.harness.control("deposit-methods", { disabled: [] });
      await maker.run();
      await follower.run();
      assert.equal(follower.current().depositAddresses.status, "ok");
    } finally {
      await engine.harness.control("deposit-methods", { disabled: [] });
    }
  });

  it("Bitfinex's rate limit ends the round early, leaving the rest for the next one", async () => {
    offered = ["DOGE", "AVAX"];
    await engine.harness.control("faults", { mode: "http429", count: 1, pathPrefix: "v2/auth/w/deposit/address" });
    await checks.run();
    const r = checks.current();
    assert.equal(r.depositAddresses.status, "checking");
    assert.deepEqual(r.depositAddresses.pending, ["DOGE", "AVAX"]);
    assert.deepEqual(r.depositAddresses.missing, []);
  });
});
