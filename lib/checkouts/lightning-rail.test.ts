/**
 * The Lightning rail on its own (Bitfinex Pay withdrawn, as its SDKs suggest): checkouts offer
 * what works, fiat is converted at Bitfinex's ticker with the rate kept, LNX limits are enforced
 * before any call, the LNX deposit address is made once, and settlement comes from LNX invoice
 * payments. Also: Pay vanishing mid-flight, and a restart in the middle of a payment.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BitfinexError } from "../bitfinex/errors";
import { openDatabase } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { decodeBolt11 } from "../lightning/bolt11";
import { startHarness, type Harness } from "../../test/support/sandbox-harness";
import { payOptions } from "./public-view";
import { quoteBtc } from "./rails/lightning-rail";
import { findCheckout, findInvoices } from "./repository";
import { startPayment } from "./start-payment";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import type { CheckoutDeps } from "./deps";

async function apiError(fn: () => Promise<unknown>): Promise<ApiError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  assert.fail("expected an ApiError");
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`Lightning rail without Bitfinex Pay, on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
      await engine.harness.control("pay-api", { availability: "withdrawn" });
    });
    after(async () => {
      await engine.close();
    });

    it("health says why Pay is off; checkouts offer Lightning only; other currencies get a clear 409", async () => {
      const rails = await engine.deps.rails.current({ fresh: true });
      assert.equal(rails.pay.available, false);
      assert.equal(rails.pay.reason, "pay_unavailable");
      assert.equal(rails.lightning.available, true);
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "LNX", "UST-TRX"] });
      const options = payOptions(checkout, [], rails);
      assert.deepEqual(
        options.filter((o) => o.available).map((o) => o.symbol),
        ["LNX"],
      );
      const e = await apiError(() => startPayment(engine.deps, checkout.id, { payCurrency: "UST-TRX" }));
      assert.equal(e.status, 409);
      assert.equal(e.code, "currency_unavailable");
      assert.deepEqual(e.extra.available, ["LNX"]);
      assert.match(
        e.message,
        /USDt on Tron \(TRC-20\) is not available right now\. You can pay with Bitcoin over Lightning/,
      );
    });

    it("converts at Bitfinex's bid, keeps the rate, decodes the BOLT11; the LNX address is made once", async () => {
      const addressCallsBefore = engine.calls("deposit/address");
      const { checkout } = await engine.checkout({ amount: "25.00" });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "LNX" });
      assert.equal(invoice!.rail, "lightning");
      // Sandbox BTC/USD last 100000, bid 99990: 25 / 99990 = 0.000250025…, rounded up to the satoshi.
      assert.equal(Number(invoice!.amountBtc), 0.00025003);
      assert.equal(Number(invoice!.rate), 99990);
      assert.equal(invoice!.rateSource, "tBTCUSD bid");
      assert.ok(Math.abs(invoice!.rateAt!.getTime() - engine.deps.now()) < 5000);
      const decoded = decodeBolt11(invoice!.paymentRequest!);
      assert.equal(decoded.paymentHash, invoice!.paymentHash);
      assert.equal(decoded.amountBtc, "0.00025003");
      assert.equal(invoice!.expiresAt!.getTime(), decoded.expiresAt * 1000);
      const second = await engine.checkout({ amount: "10.00" });
      await startPayment(engine.deps, second.checkout.id, { payCurrency: "LNX" });
      assert.ok(
        engine.calls("deposit/address") - addressCallsBefore <= 1,
        "the LNX deposit address is created at most once",
      );
      const third = await engine.checkout({ amount: "12.00" });
      const before3 = engine.calls("deposit/address");
      await startPayment(engine.deps, third.checkout.id, { payCurrency: "LNX" });
      assert.equal(engine.calls("deposit/address"), before3, "and then remembered");
    });

    it("converts other fiat at its own pair (EUR)", async () => {
      const { checkout } = await engine.checkout({ amount: "10.80", currency: "EUR" });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "LNX" });
      assert.equal(invoice!.rateSource, "tBTCEUR bid");
      // 100000 USD/BTC at 1.08 USD/EUR ≈ 92592.59 EUR/BTC; 10.80 EUR ≈ 0.0001166 BTC.
      assert.ok(Math.abs(Number(invoice!.amountBtc) - 0.0001166) < 0.0000002, invoice!.amountBtc!);
    });

    it("enforces LNX limits with a clear error before any deposit-invoice call", async () => {
      const before = engine.calls("deposit/invoice");
      const big = await engine.checkout({ amount: "5000.00" });
      const e = await apiError(() => startPayment(engine.deps, big.checkout.id, { payCurrency: "LNX" }));
      assert.equal(e.status, 422);
      assert.equal(e.code, "amount_out_of_range");
      assert.match(e.message, /at most 0\.02 BTC: this order is 0\.05000501 BTC/);
      const small = await engine.checkout({ amount: "0.01" });
      const e2 = await apiError(() => startPayment(engine.deps, small.checkout.id, { payCurrency: "LNX" }));
      assert.match(e2.message, /at least 0\.000001 BTC/);
      assert.equal(engine.calls("deposit/invoice"), before, "no invoice was requested");
      assert.equal((await findInvoices(engine.deps.db, big.checkout.id)).length, 0);
    });

    it("settles from LNX invoice payments through the reconciler; an unpaid one expires", async () => {
      const paid = await engine.checkout();
      const unpaid = await engine.checkout({ duration: 300 });
      const a = (await startPayment(engine.deps, paid.checkout.id, { payCurrency: "LNX" })).invoice!;
      await startPayment(engine.deps, unpaid.checkout.id, { payCurrency: "LNX" });
      const answer = await engine.harness.control(`invoices/${a.paymentHash}/pay`, {});
      assert.equal(answer.status, 200);
      engine.advance(31_000);
      const report = await engine.reconciler.tick();
      assert.deepEqual(report.call?.rail, "lightning");
      const row = (await findCheckout(engine.deps.db, paid.checkout.id))!;
      assert.equal(row.state, "paid");
      assert.equal(Number(row.amountPaid), Number(a.amountBtc));
      engine.advance(300_000);
      // A turn may go to LNX deposit movements (Lightning's second source) first: a few ticks at most.
      for (let i = 0; i < 3 && (await findCheckout(engine.deps.db, unpaid.checkout.id))!.state !== "expired"; i++)
        await engine.reconciler.tick();
      assert.equal((await findCheckout(engine.deps.db, unpaid.checkout.id))!.state, "expired");
    });

    it("when Pay refuses mid-flight, a Lightning choice falls back to LNX deposit invoices and health learns why", async () => {
      await engine.harness.control("pay-api", { availability: "available" });
      await engine.deps.rails.current({ fresh: true });
      const { checkout } = await engine.checkout();
      await engine.harness.control("pay-api", { availability: "not_merchant" });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "LNX" });
      assert.equal(invoice!.rail, "lightning");
      const rails = await engine.deps.rails.current();
      assert.equal(rails.pay.available, false);
      assert.equal(rails.pay.reason, "pay_unavailable");
      await engine.harness.control("pay-api", { availability: "withdrawn" });
    });
  });
}

describe("restart in the middle of a payment", () => {
  let harness: Harness;
  let dir: string;
  before(async () => {
    harness = await startHarness();
    dir = mkdtempSync(join(tmpdir(), "engine-restart-"));
  });
  after(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a payment made while the app was down is found after it restarts", async () => {
    const open = () => openDatabase({ dataDir: join(dir, "pglite") });
    const first = await startEngine(open, { harness });
    const { checkout } = await first.checkout();
    const { invoice } = await startPayment(first.deps, checkout.id, { payCurrency: "BTC" });
    await first.close(); // the app goes away; its webhook endpoint with it
    await harness.control(`invoices/${invoice!.upstreamId}/pay`, {});
    const second = await startEngine(open, { harness });
    try {
      second.advance(31_000);
      await second.reconciler.tick();
      const row = (await findCheckout(second.deps.db, checkout.id))!;
      assert.equal(row.state, "paid");
      assert.equal((await findInvoices(second.deps.db, checkout.id)).length, 1);
    } finally {
      await second.close();
    }
  });
});

describe("conversion through USD when Bitfinex lists no BTC pair for the currency", () => {
  it("uses tBTCUSD and Bitfinex's FX rate, and says so", async () => {
    const seen: string[] = [];
    const deps = {
      now: () => 1_700_000_000_000,
      bitfinex: {
        market: {
          getTicker: async (symbol: string) => {
            seen.push(symbol);
            if (symbol !== "tBTCUSD")
              throw new BitfinexError({ kind: "invalid_request", endpoint: `/v2/ticker/${symbol}` });
            return { symbol, bid: "50000", ask: "50010", last: "50005", fetchedAt: 0 };
          },
          getFxRate: async (from: string, to: string) => (from === "HNL" && to === "USD" ? "0.04" : "0"),
        },
      },
    } as unknown as CheckoutDeps;
    const quote = await quoteBtc(deps, "100.00", "HNL");
    assert.deepEqual(seen, ["tBTCHNL", "tBTCUSD"]);
    // 50000 USD/BTC / 0.04 USD/HNL = 1,250,000 HNL/BTC; 100 HNL = 0.00008 BTC.
    assert.equal(quote.amountBtc, "0.00008");
    assert.equal(quote.rate, "1250000");
    assert.equal(quote.source, "tBTCUSD bid / fx HNL:USD");
  });

  it("also when the pair's ticker answers empty or malformed (EUR), but never for USD itself", async () => {
    const deps = (usdBroken: boolean) =>
      ({
        now: () => 1_700_000_000_000,
        bitfinex: {
          market: {
            getTicker: async (symbol: string) => {
              if (symbol !== "tBTCUSD" || usdBroken)
                throw new BitfinexError({
                  kind: "malformed",
                  endpoint: `/v2/ticker/${symbol}`,
                  upstreamMessage: "unexpected shape at (root)",
                });
              return { symbol, bid: "50000", ask: "50010", last: "50005", fetchedAt: 0 };
            },
            getFxRate: async (from: string) => (from === "EUR" ? "1.25" : "0"),
          },
        },
      }) as unknown as CheckoutDeps;
    const quote = await quoteBtc(deps(false), "50.00", "EUR");
    assert.equal(quote.source, "tBTCUSD bid / fx EUR:USD");
    assert.equal(quote.rate, "40000");
    assert.equal(quote.amountBtc, "0.00125");
    await assert.rejects(quoteBtc(deps(true), "50.00", "USD"), (e: BitfinexError) => e.kind === "malformed");
  });
});
