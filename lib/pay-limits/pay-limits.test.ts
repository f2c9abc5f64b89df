/**
 * Limits known before the customer arrives: Bitfinex's daily-limit answer read by its documented
 * field names, the pure rules (per end customer, each limit in its own currency), and the engine
 * against the sandbox (a checkout no currency can pay refused at creation with a 422 naming the
 * limit; one customer past their daily limit blocks neither another customer nor Lightning;
 * without an email nothing is pre-checked and Bitfinex's refusal is shown; unknown limits refuse
 * nothing).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { wireDailyLimit } from "../bitfinex/pay/limits";
import { publicCheckoutView } from "../checkouts/public-view";
import { findTransitions } from "../checkouts/repository";
import { notOffered, startPayment } from "../checkouts/start-payment";
import { startEngine, type Engine } from "../../test/support/checkout-harness";
import { CUSTOMER } from "../../test/support/sandbox-harness";
import { openDatabase } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { classify, convertAmount } from "./check";
import { excludedCurrencies } from "./enforce";
import { PayLimitsSource, type CustomerLimit, type LimitsSnapshot } from "./source";

// The field names of docs.bitfinex.com/reference/merchant-limits, as the fixture has them
// (ECOMMERCE_LIMIT, ...), in the camelCase Pay's documented objects use (CUSTOMER_INFO → customerInfo).
const FIELDS = readFileSync(
  new URL("../../test/fixtures/bitfinex/docs-merchant-limits-fields.txt", import.meta.url),
  "utf8",
)
  .split("\n")
  .flatMap((l) => /^\| ([A-Z_]+) \|/.exec(l)?.slice(1) ?? []);
const camel = (name: string) => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const documented = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [camel(k), v]));

describe("Bitfinex's daily-limit answer, by its documented fields", () => {
  it("the fixture names the five fields", () => {
    assert.deepEqual(FIELDS, [
      "ECOMMERCE_LIMIT",
      "POS_LIMIT",
      "ECOMMERCE_CUSTOMER_EMAIL",
      "ECOMMERCE_CUSTOMER_USAGE",
      "POS_USAGE",
    ]);
  });

  it("one object per customer asked: the e-commerce limit is per customer, in USD unless named", () => {
    const answer = [
      documented({
        ECOMMERCE_LIMIT: 1000,
        POS_LIMIT: 5000,
        ECOMMERCE_CUSTOMER_EMAIL: "a@example.com",
        ECOMMERCE_CUSTOMER_USAGE: 990.5,
        POS_USAGE: 12,
      }),
      documented({ ECOMMERCE_LIMIT: 1000, ECOMMERCE_CUSTOMER_EMAIL: "b@example.com", ECOMMERCE_CUSTOMER_USAGE: 0 }),
    ];
    assert.deepEqual(wireDailyLimit.parse(answer), {
      ecommerceLimit: "1000",
      customers: [
        { email: "a@example.com", usage: "990.5" },
        { email: "b@example.com", usage: "0" },
      ],
      posLimit: "5000",
      posUsage: "12",
      currency: "USD",
    });
  });

  it("a single object, nested, or naming its currency; nothing documented is malformed, not 'no limit'", () => {
    const flat = wireDailyLimit.parse({ ...documented({ ECOMMERCE_LIMIT: "900", POS_LIMIT: null }), limitCcy: "EUR" });
    assert.deepEqual([flat.ecommerceLimit, flat.customers, flat.currency], ["900", [], "EUR"]);
    const nested = wireDailyLimit.parse({
      ecommerce: { limit: 1000, customers: [{ email: "a@example.com", usage: 10 }] },
      pos: { limit: 100, usage: 1 },
    });
    assert.deepEqual(nested.customers, [{ email: "a@example.com", usage: "10" }]);
    assert.equal(nested.posUsage, "1");
    assert.equal(wireDailyLimit.safeParse({}).success, false);
    assert.equal(wireDailyLimit.safeParse({ limit: "1000", remaining: "10" }).success, false);
    assert.equal(wireDailyLimit.safeParse([]).success, false);
    assert.equal(wireDailyLimit.safeParse(true).success, false);
  });
});

const snapshot = (ranges: Record<string, [string | null, string | null, boolean?, string?]>): LimitsSnapshot => ({
  daily: null,
  currencies: new Map(
    Object.entries(ranges).map(([symbol, [min, max, enabled, currency]]) => [
      symbol,
      { symbol, min, max, currency: currency ?? "USD", enabled: enabled ?? true },
    ]),
  ),
  fetchedAt: 0,
});
const usd = (v: string) => new Map([["USD", v]]);
const customer = (email: string, used: string, limit = "1000", currency = "USD"): CustomerLimit => ({
  email,
  limit,
  used,
  currency,
});

describe("limit rules", () => {
  it("a currency is payable inside its range, bounds included; disabled or unknown-range currencies as documented", () => {
    const limits = snapshot({ BTC: ["0.1", "1000"], LNX: ["0.1", "50"], ETH: [null, null, false] });
    assert.deepEqual(classify(usd("50"), ["BTC", "LNX", "ETH", "UST-TRX"], limits).payable, ["BTC", "LNX", "UST-TRX"]);
    assert.deepEqual(classify(usd("50.01"), ["BTC", "LNX"], limits).outside, [
      { symbol: "LNX", min: "0.1", max: "50", currency: "USD" },
    ]);
    assert.deepEqual(classify(usd("0.09"), ["BTC"], limits).payable, []);
  });

  it("each range in its own currency; one the amount could not be converted to is not checked", () => {
    const limits = snapshot({ BTC: ["0.1", "900", true, "EUR"], ETH: ["0.1", "10", true, "GBP"] });
    // 950 USD is 879.63 EUR: inside BTC's EUR range though above 900 in USD terms.
    const p = classify(
      new Map([
        ["USD", "950"],
        ["EUR", "879.63"],
      ]),
      ["BTC", "ETH"],
      limits,
    );
    assert.deepEqual(p.payable, ["BTC", "ETH"], "no GBP rate: ETH's range is left to Bitfinex");
    assert.deepEqual(classify(new Map([["EUR", "900.01"]]), ["BTC"], limits).outside[0]?.currency, "EUR");
  });

  it("the daily limit is the customer's own: over what they have left, nothing is payable; another customer is not affected", () => {
    const limits = snapshot({ BTC: ["0.1", "1000"] });
    const a = classify(usd("10.01"), ["BTC"], limits, customer("a@example.com", "990"));
    assert.deepEqual(a.payable, []);
    assert.deepEqual(a.overDaily, { email: "a@example.com", limit: "1000", remaining: "10", currency: "USD" });
    assert.equal(classify(usd("10"), ["BTC"], limits, customer("a@example.com", "990")).overDaily, null);
    assert.deepEqual(classify(usd("10.01"), ["BTC"], limits, customer("b@example.com", "0")).payable, ["BTC"]);
    // Used past the limit: nothing left, not a negative remainder.
    assert.equal(classify(usd("1"), ["BTC"], limits, customer("a@example.com", "1200"))?.overDaily?.remaining, "0");
  });

  it("the daily limit in its own currency; without a rate to it, not checked", () => {
    const limits = snapshot({});
    const eur = customer("a@example.com", "0", "100", "EUR");
    assert.ok(classify(new Map([["EUR", "101.86"]]), ["BTC"], limits, eur).overDaily);
    assert.equal(classify(new Map([["EUR", "97.23"]]), ["BTC"], limits, eur).overDaily, null);
    assert.equal(classify(usd("5000"), ["BTC"], limits, eur).overDaily, null, "no EUR amount known: Bitfinex decides");
  });

  it("conversion rounds up, to the cent for a fiat and to 8 places otherwise, exactly", () => {
    assert.equal(convertAmount("1234.56", "1", "USD"), "1234.56");
    assert.equal(convertAmount("10", "1.08333", "USD"), "10.84");
    assert.equal(convertAmount("110", "0.925925925925925926", "EUR"), "101.86");
    assert.equal(convertAmount("1000", "0.0066", "JPY"), "7");
    assert.equal(convertAmount("1", "0.0000100001", "BTC"), "0.00001001");
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
  const limits = async (body: Record<string, unknown>) => {
    await engine.harness.control("limits", body);
    refresh();
  };
  const ecommerce = (email: string, amount = "25", more: Record<string, unknown> = {}) =>
    engine.checkout({
      amount,
      type: "ECOMMERCE",
      payCurrencies: ["BTC", "LNX"],
      customerInfo: { ...CUSTOMER, email },
      ...more,
    });
  const email = () => `c-${Math.random().toString(36).slice(2, 10)}@example.com`;

  it("$1,234.56 is refused at creation with a 422 naming Bitfinex's range; $25 is created", async () => {
    await limits({ customerDailyLimit: "1000000", limitCcy: "USD", currencyLimits: {} });
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

  it("a customer past their daily limit is refused at creation, naming them and what is left; another customer is not", async () => {
    await limits({ customerDailyLimit: "30" });
    const a = email();
    const first = await ecommerce(a, "25");
    await startPayment(engine.deps, first.checkout.id, { payCurrency: "BTC" }); // Bitfinex counts A's invoice
    refresh();
    await assert.rejects(ecommerce(a, "10"), (e: ApiError) => {
      assert.equal(e.code, "over_daily_limit");
      assert.equal(e.field, "amount");
      assert.match(e.message, new RegExp(`${a.replace(".", "\\.")}: \\$5\\.00 left of \\$30\\.00 per 24 hours`));
      return true;
    });
    assert.ok((await ecommerce(a, "5")).checkout.id, "what is left still fits");
    assert.ok((await ecommerce(email(), "25")).checkout.id, "another customer has their own limit");
    // No email (a POS checkout): no merchant-wide figure is invented, nothing is pre-checked.
    assert.ok((await engine.checkout({ amount: "29" })).checkout.id);
    await limits({ customerDailyLimit: "1000000" });
  });

  it("the daily limit is compared in its own currency (EUR), converted at Bitfinex's rate", async () => {
    await limits({ customerDailyLimit: "100", limitCcy: "EUR" });
    // The sandbox prices 1 EUR at 1.08 USD: $105 is 97.23 EUR (fits), $110 is 101.86 EUR (does not).
    assert.ok((await ecommerce(email(), "105")).checkout.id);
    await assert.rejects(ecommerce(email(), "110"), (e: ApiError) => {
      assert.equal(e.code, "over_daily_limit");
      assert.match(e.message, /€100\.00 left of €100\.00/);
      return true;
    });
    await limits({ customerDailyLimit: "1000000", limitCcy: "USD" });
  });

  it("past the limit at payment time: no Pay invoice, the merchant sees why, Lightning stays offered", async () => {
    await limits({ customerDailyLimit: "40" });
    const a = email();
    const { checkout } = await ecommerce(a, "30");
    const other = await ecommerce(a, "30"); // created while A had room; A then pays the first
    await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
    refresh();
    await assert.rejects(startPayment(engine.deps, other.checkout.id, { payCurrency: "BTC" }), (e: ApiError) => {
      assert.equal(e.code, "over_daily_limit");
      assert.equal(e.field, "payCurrency");
      assert.deepEqual(e.extra.available, ["LNX"]);
      return true;
    });
    const notes = (await findTransitions(engine.deps.db, other.checkout.id)).map((t) => t.reason);
    assert.ok(
      notes.some((n) => n.includes(`No Bitfinex Pay invoice`) && n.includes(a) && n.includes("$10.00 left of $40.00")),
      notes.join(" | "),
    );
    const excluded = await notOffered(engine.deps, other.checkout);
    assert.equal(excluded.dailyLimitReached, true);
    const view = publicCheckoutView(
      other.checkout,
      [],
      await engine.deps.rails.current(),
      Date.now(),
      "sandbox",
      excluded,
    );
    assert.deepEqual(
      view.options.map((o) => o.symbol),
      ["LNX"],
    );
    assert.equal(view.dailyLimitReached, true);
    const ln = await startPayment(engine.deps, other.checkout.id, { payCurrency: "LNX" });
    assert.equal(ln.invoice!.rail, "lightning", "a Lightning deposit invoice, not a Pay invoice");
    // The first checkout's own Pay invoice does not count against itself on its page.
    assert.equal((await notOffered(engine.deps, checkout)).dailyLimitReached, undefined);
    await limits({ customerDailyLimit: "1000000" });
  });

  it("without a pre-check, Bitfinex decides at create and its refusal is shown to the merchant", async () => {
    await limits({ customerDailyLimit: "20" });
    const saved = engine.deps.payLimits;
    engine.deps.payLimits = undefined; // limits unknown to the app: nothing checked before Bitfinex
    try {
      const { checkout } = await ecommerce(email(), "25");
      await assert.rejects(startPayment(engine.deps, checkout.id, { payCurrency: "BTC" }), (e: Error) =>
        /refus|accept/i.test(e.message),
      );
      const notes = (await findTransitions(engine.deps.db, checkout.id)).map((t) => t.reason);
      assert.ok(
        notes.some((n) => n.startsWith("Bitfinex refused the payment invoice:") && n.includes("DAILY_LIMIT")),
        notes.join(" | "),
      );
    } finally {
      engine.deps.payLimits = saved;
      await limits({ customerDailyLimit: "1000000" });
    }
  });

  it("a currency out of range is not offered, cannot be started, and is left out of the invoice", async () => {
    await limits({ currencyLimits: { "UST-TRX": { min: "1", max: "10" } } });
    const { checkout } = await engine.checkout({ amount: "25", payCurrencies: ["BTC", "UST-TRX"] });
    const excluded = await excludedCurrencies(engine.deps.payLimits, checkout, checkout.payCurrencies);
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
    await limits({ currencyLimits: {} });
    const { checkout } = await engine.checkout({ amount: "25", payCurrencies: ["UST-TRX"] });
    await limits({ currencyLimits: { "UST-TRX": { min: "1", max: "10" } } });
    const excluded = await excludedCurrencies(engine.deps.payLimits, checkout, checkout.payCurrencies);
    const view = publicCheckoutView(checkout, [], await engine.deps.rails.current(), Date.now(), "sandbox", excluded);
    assert.deepEqual(view.options, []);
    assert.equal(view.unpayable, true);
    assert.equal(view.dailyLimitReached, false);
  });

  it("limits unknown (Bitfinex silent, never read): nothing refused", async () => {
    await engine.harness.control("faults", { mode: "http500", count: 50, pathPrefix: "v2/auth/r/ext/pay" });
    const source = new PayLimitsSource(engine.deps.bitfinex, engine.deps.now);
    assert.equal(await source.current(), null);
    assert.equal((await source.read()).error !== null, true);
    assert.equal(await source.customer("a@example.com"), null);
    assert.equal(
      (await excludedCurrencies(source, { amount: "5000", currency: "USD", email: "a@example.com" }, ["BTC"])).size,
      0,
    );
    await engine.harness.control("faults/clear", {});
    await engine.harness.control("limits", { currencyLimits: {} });
  });
});
