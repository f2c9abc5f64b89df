/**
 * Limits known before the customer arrives: the pure rules, and the engine against the sandbox
 * (a checkout no currency can pay refused at creation with a 422 naming the limit; currencies out
 * of range left out of the page and of the invoice; unknown limits refuse nothing).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { publicCheckoutView } from "../checkouts/public-view";
import { startPayment } from "../checkouts/start-payment";
import { startEngine, type Engine } from "../../test/support/checkout-harness";
import { openDatabase } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { classify, inUsd } from "./check";
import { excludedCurrencies } from "./enforce";
import { PayLimitsSource, type LimitsSnapshot } from "./source";

const snapshot = (
  daily: string | null,
  ranges: Record<string, [string | null, string | null, boolean?]>,
): LimitsSnapshot => ({
  daily: daily === null ? null : { limit: "5000", remaining: daily, currency: "USD" },
  currencies: new Map(
    Object.entries(ranges).map(([symbol, [min, max, enabled]]) => [
      symbol,
      { symbol, min, max, currency: "USD", enabled: enabled ?? true },
    ]),
  ),
  fetchedAt: 0,
});

describe("limit rules", () => {
  it("a currency is payable inside its range, bounds included; disabled or unknown-range currencies as documented", () => {
    const limits = snapshot(null, { BTC: ["0.1", "1000"], LNX: ["0.1", "50"], ETH: [null, null, false] });
    assert.deepEqual(classify("50", ["BTC", "LNX", "ETH", "UST-TRX"], limits).payable, ["BTC", "LNX", "UST-TRX"]);
    assert.deepEqual(classify("50.01", ["BTC", "LNX"], limits).outside, [{ symbol: "LNX", min: "0.1", max: "50" }]);
    assert.deepEqual(classify("0.09", ["BTC"], limits).payable, []);
  });

  it("over what is left of the daily limit, nothing is payable", () => {
    const p = classify("100", ["BTC"], snapshot("99.99", { BTC: ["0.1", "1000"] }));
    assert.deepEqual(p.payable, []);
    assert.deepEqual(p.overDaily, { limit: "5000", remaining: "99.99" });
  });

  it("fiat to USD rounds up to the cent, exactly", () => {
    assert.equal(inUsd("1234.56", "1"), "1234.56");
    assert.equal(inUsd("10", "1.08333"), "10.84");
  });
});

describe("limits against the sandbox", () => {
  let engine: Engine;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
    engine.deps.payLimits = new PayLimitsSource(engine.deps.bitfinex, engine.deps.now);
  });
  after(() => engine.close());
  const refresh = () => engine.deps.payLimits!.invalidate();

  it("$1,234.56 is refused at creation with a 422 naming Bitfinex's range; $25 is created", async () => {
    await engine.harness.control("limits", { dailyLimitUsd: "1000000", currencyLimits: {} });
    refresh();
    try {
      await engine.checkout({ amount: "1234.56", payCurrencies: ["BTC", "UST-TRX"] });
      assert.fail("created");
    } catch (e) {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 422);
      assert.equal(e.code, "amount_out_of_range");
      assert.equal(e.field, "amount");
      assert.match(e.message, /\$1,234\.56.*BTC \$0\.10 to \$1,000\.00; UST-TRX \$0\.10 to \$1,000\.00/);
    }
    assert.ok((await engine.checkout({ amount: "25" })).checkout.id);
  });

  it("over the daily limit: a 422 naming what is left", async () => {
    await engine.harness.control("limits", { dailyLimitUsd: "20" });
    refresh();
    await assert.rejects(
      engine.checkout({ amount: "25" }),
      (e: ApiError) => e.code === "over_daily_limit" && /\$20\.00 left of \$20\.00/.test(e.message),
    );
    await engine.harness.control("limits", { dailyLimitUsd: "1000000" });
    refresh();
  });

  it("a currency out of range is not offered, cannot be started, and is left out of the invoice", async () => {
    await engine.harness.control("limits", { currencyLimits: { "UST-TRX": { min: "1", max: "10" } } });
    refresh();
    const { checkout } = await engine.checkout({ amount: "25", payCurrencies: ["BTC", "UST-TRX"] });
    const excluded = await excludedCurrencies(
      engine.deps.payLimits,
      checkout.amount,
      checkout.currency,
      checkout.payCurrencies,
    );
    assert.deepEqual([...excluded], ["UST-TRX"]);
    const rails = await engine.deps.rails.current();
    const view = publicCheckoutView(checkout, [], rails, Date.now(), "sandbox", excluded);
    assert.deepEqual(
      view.options.map((o) => o.symbol),
      ["BTC"],
    );
    assert.equal(view.unpayable, false);
    await assert.rejects(
      startPayment(engine.deps, checkout.id, { payCurrency: "UST-TRX" }),
      (e: ApiError) => e.code === "amount_out_of_range",
    );
    const started = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
    assert.deepEqual(
      started.invoice!.addresses!.map((a) => a.payCurrency),
      ["BTC"],
      "the invoice carries only BTC (Bitfinex would refuse it whole otherwise)",
    );
  });

  it("when the limits changed after creation and nothing fits, the view says unpayable", async () => {
    await engine.harness.control("limits", { currencyLimits: {} });
    refresh();
    const { checkout } = await engine.checkout({ amount: "25", payCurrencies: ["UST-TRX"] });
    await engine.harness.control("limits", { currencyLimits: { "UST-TRX": { min: "1", max: "10" } } });
    refresh();
    const excluded = await excludedCurrencies(
      engine.deps.payLimits,
      checkout.amount,
      checkout.currency,
      checkout.payCurrencies,
    );
    const view = publicCheckoutView(checkout, [], await engine.deps.rails.current(), Date.now(), "sandbox", excluded);
    assert.deepEqual(view.options, []);
    assert.equal(view.unpayable, true);
  });

  it("limits unknown (Bitfinex silent, never read): nothing refused", async () => {
    await engine.harness.control("faults", { mode: "http500", count: 50, pathPrefix: "v2/auth/r/ext/pay" });
    const source = new PayLimitsSource(engine.deps.bitfinex, engine.deps.now);
    assert.equal(await source.current(), null);
    assert.equal((await source.read()).error !== null, true);
    assert.equal((await excludedCurrencies(source, "5000", "USD", ["BTC"])).size, 0);
    await engine.harness.control("faults/clear", {});
    await engine.harness.control("limits", { currencyLimits: {} });
  });
});
