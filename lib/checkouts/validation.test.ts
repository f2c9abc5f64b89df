/**
 * Checkout input rules: every bad field is named with a reason, nothing is coerced, and the
 * defaults a merchant relies on are filled in.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromZodError } from "../errors/api-error";
import { checkoutInputSchema, DEFAULT_PAY_CURRENCIES } from "./validation";

const good = { amount: "25.00", currency: "USD", orderId: "A-1001" };

function problem(body: Record<string, unknown>, mode: "sandbox" | "live" = "sandbox") {
  const result = checkoutInputSchema(mode).safeParse(body);
  assert.equal(result.success, false, `expected ${JSON.stringify(body)} to be refused`);
  const e = fromZodError(result.error!);
  return { field: e.field, message: e.problems[0]!.message, status: e.status };
}

describe("checkout input", () => {
  it("fills in the documented defaults", () => {
    const v = checkoutInputSchema("sandbox").parse(good);
    assert.deepEqual(v.payCurrencies, DEFAULT_PAY_CURRENCIES);
    assert.equal(v.type, "POS");
    assert.equal(v.duration, 900);
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a number amount", { ...good, amount: 25 }, "amount", /string such as "10.00", not a number/],
    ["a negative amount", { ...good, amount: "-1.00" }, "amount", /greater than zero|plain decimal/],
    ["zero", { ...good, amount: "0" }, "amount", /greater than zero/],
    ["an exponent", { ...good, amount: "1e3" }, "amount", /plain decimal/],
    ["NaN", { ...good, amount: "NaN" }, "amount", /plain decimal/],
    ["padding", { ...good, amount: " 25.00" }, "amount", /plain decimal/],
    ["too many decimals for USD", { ...good, amount: "25.001" }, "amount", /at most 2 decimals/],
    ["decimals in JPY", { ...good, currency: "JPY", amount: "100.5" }, "amount", /no decimals/],
    ["a huge amount", { ...good, amount: "10000000" }, "amount", /at most 1000000/],
    ["an unknown currency", { ...good, currency: "XYZ" }, "currency", /must be one of USD, EUR/],
    ["a lowercase currency", { ...good, currency: "usd" }, "currency", /must be one of/],
    ["a missing order id", { amount: "1.00", currency: "USD" }, "orderId", /is required/],
    ["an order id with markup", { ...good, orderId: "<script>" }, "orderId", /letters, digits/],
    ["a long order id", { ...good, orderId: "x".repeat(65) }, "orderId", /1 to 64/],
    ["an unknown pay currency", { ...good, payCurrencies: ["BTC", "SOL"] }, "payCurrencies[1]", /must be one of/],
    ["a repeated pay currency", { ...good, payCurrencies: ["BTC", "BTC"] }, "payCurrencies", /must not repeat/],
    ["no pay currency", { ...good, payCurrencies: [] }, "payCurrencies", /at least one/],
    ["a short duration", { ...good, duration: 60 }, "duration", /at least 300 seconds/],
    ["a fractional duration", { ...good, duration: 300.5 }, "duration", /whole number/],
    ["a javascript: redirect", { ...good, redirectUrl: "javascript:alert(1)" }, "redirectUrl", /https:\/\//],
    ["a data: redirect", { ...good, redirectUrl: "data:text/html,hi" }, "redirectUrl", /https:\/\//],
    [
      "credentials in a URL",
      { ...good, webhookUrl: "https://user:pw@shop.example/hook" },
      "webhookUrl",
      /user name or password/,
    ],
    ["a relative URL", { ...good, redirectUrl: "/thanks" }, "redirectUrl", /absolute URL/],
    [
      "a bidi override in the description",
      { ...good, description: "Invoice \u202Egnp.exe" },
      "description",
      /text-direction/,
    ],
    ["a control character", { ...good, description: "a\u0000b" }, "description", /control characters/],
    [
      "incomplete customer info",
      { ...good, type: "ECOMMERCE", customerInfo: { fullName: "A" } },
      "customerInfo.email",
      /is required/,
    ],
    ["an unknown field", { ...good, amout: "1" }, "amout", /not a known field/],
    ["an unknown type", { ...good, type: "SHOP" }, "type", /ECOMMERCE or POS/],
    ["non-string metadata", { ...good, metadata: { a: 1 } }, "metadata.a", /strings/],
  ];
  for (const [what, body, field, reason] of cases) {
    it(`refuses ${what}, naming ${field}`, () => {
      const p = problem(body);
      assert.equal(p.field, field);
      assert.match(p.message, reason);
      assert.equal(p.status, 422);
    });
  }

  it("refuses http:// URLs in live mode only", () => {
    const body = { ...good, redirectUrl: "http://shop.example/thanks" };
    assert.equal(checkoutInputSchema("sandbox").safeParse(body).success, true);
    assert.match(problem(body, "live").message, /https:\/\/ in live mode/);
  });

  it("refuses customer info on a POS checkout even when it is complete", () => {
    const customerInfo = {
      fullName: "Jo Doe",
      email: "jo@example.com",
      nationality: "DE",
      residCountry: "GB",
      residCity: "London",
      residZipCode: "N1",
      residStreet: "1 Road",
    };
    const p = problem({ ...good, type: "POS", customerInfo });
    assert.equal(p.field, "customerInfo");
    assert.match(p.message, /only for ECOMMERCE/);
    assert.equal(checkoutInputSchema("sandbox").safeParse({ ...good, type: "ECOMMERCE", customerInfo }).success, true);
  });
});
