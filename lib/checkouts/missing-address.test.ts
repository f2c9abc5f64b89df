/**
 * A pay currency whose deposit address the go-live check found missing is not offered: the
 * payment page lists it as unavailable, and starting a payment in it is refused naming what is
 * left, before any Bitfinex invoice is made. Once the address exists, it is offered again.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { ApiError } from "../errors/api-error";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { findInvoices } from "./repository";
import { notOffered, startPayment } from "./start-payment";

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`a currency without a deposit address, on ${dbName}`, () => {
    let engine: Engine;
    let missing = new Set<string>(["UST-TRX"]);
    before(async () => {
      engine = await startEngine(openDb);
      engine.deps.missingAddresses = () => missing;
    });
    after(async () => {
      await engine.close();
    });

    it("is not offered and cannot be started; the others still work; offered again once its address exists", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      assert.deepEqual([...(await notOffered(engine.deps, checkout))], ["UST-TRX"]);
      const e = await startPayment(engine.deps, checkout.id, { payCurrency: "UST-TRX" }).then(
        () => assert.fail("expected a refusal"),
        (x: unknown) => x,
      );
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 409);
      assert.equal(e.code, "currency_unavailable");
      assert.deepEqual(e.extra.available, ["BTC"]);
      assert.equal((await findInvoices(engine.deps.db, checkout.id)).length, 0, "no invoice was made");
      const started = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      assert.equal(started.checkout.payCurrency, "BTC");
      // Bitfinex is only asked for the currencies it can take.
      const [invoice] = await findInvoices(engine.deps.db, checkout.id);
      assert.deepEqual(
        (invoice!.addresses ?? []).map((a) => a.payCurrency),
        ["BTC"],
      );
      missing = new Set();
      const { checkout: later } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      assert.deepEqual([...(await notOffered(engine.deps, later))], []);
    });
  });
}
