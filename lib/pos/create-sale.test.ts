/**
 * Sales from the point-of-sale terminal: POS checkouts with a generated order id and source
 * "pos", checked by the same rules as every checkout (hostile input named by field), and one
 * checkout per sale however often "Charge" is pressed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_PAY_CURRENCIES, DURATION_DEFAULT_SECONDS } from "../checkouts/validation";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { ApiError } from "../errors/api-error";
import { createPosSale, posOrderId } from "./create-sale";

const defaults = { payCurrencies: DEFAULT_PAY_CURRENCIES, duration: DURATION_DEFAULT_SECONDS };

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`POS sales on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("makes a POS checkout with source pos and an order id of the day", async () => {
      const sale = await createPosSale(engine.deps, { amount: "12.50", currency: "EUR" }, defaults, null);
      assert.equal(sale.type, "POS");
      assert.equal(sale.source, "pos");
      assert.equal(sale.currency, "EUR");
      assert.equal(sale.amount.replace(/0+$/, ""), "12.5");
      assert.match(sale.orderId, /^POS-\d{8}-[0-9a-f]{10}$/);
      assert.equal(sale.customerInfo, null);
    });

    it("refuses what every checkout refuses, naming the field: a number, too many decimals, an unknown currency, extra fields", async () => {
      const refused = async (body: unknown, field: string, pattern: RegExp) =>
        assert.rejects(
          createPosSale(engine.deps, body, defaults, null),
          (e) => e instanceof ApiError && e.status === 422 && e.field === field && pattern.test(e.message),
          JSON.stringify(body),
        );
      await refused({ amount: 12.5, currency: "EUR" }, "amount", /not a number/);
      await refused({ amount: "12.505", currency: "EUR" }, "amount", /at most 2 decimals/);
      await refused({ amount: "1.5", currency: "JPY" }, "amount", /no decimals/);
      await refused({ amount: "0", currency: "EUR" }, "amount", /greater than zero/);
      await refused({ amount: "5.00", currency: "XYZ" }, "currency", /must be one of/);
      await refused({ amount: "5.00", currency: "EUR", orderId: "mine" }, "orderId", /not a known field/);
      await refused({ currency: "EUR" }, "amount", /required/);
    });

    it("one checkout per sale: the same Idempotency-Key returns the first, a different amount with it is refused", async () => {
      const first = await createPosSale(engine.deps, { amount: "3.00", currency: "USD" }, defaults, "sale-1");
      const again = await createPosSale(engine.deps, { amount: "3.00", currency: "USD" }, defaults, "sale-1");
      assert.equal(again.id, first.id);
      await assert.rejects(
        createPosSale(engine.deps, { amount: "4.00", currency: "USD" }, defaults, "sale-1"),
        (e) => e instanceof ApiError && e.code === "idempotency_key_reused",
      );
    });
  });
}

describe("posOrderId", () => {
  it("names the UTC day and is unique", () => {
    const at = Date.parse("2026-11-29T23:59:00Z");
    assert.match(posOrderId(at), /^POS-20261129-[0-9a-f]{10}$/);
    assert.notEqual(posOrderId(at), posOrderId(at));
  });
});
