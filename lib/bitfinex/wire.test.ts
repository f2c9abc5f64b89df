import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BitfinexError } from "./errors";
import { parseWire } from "./wire/parse";
import { toPayInvoice, toPayInvoices, wirePayInvoice, wirePayInvoiceList } from "./wire/pay-invoice";
import { parseJsonLossless, RawNumber, stringifyWithRawNumbers } from "../json/lossless-json";
import { isDecimalString, Money, toAmountString } from "../money/decimal";

// The documented create answer (bitfinex-api-php fixture 200_payInvoiceCreate_response.json), as raw text.
const CREATED_INVOICE =
  '{"id":"a6761c8b-468f-40ad-a522-cc5e41c39757","t":1612460165497,"duration":86399,"amount":2.5,"currency":"USD","orderId":"order123","payCurrencies":["BTC","ETH","UST-ETH","LNX"],"webhook":"https://example.com/api/v3/order/order123","redirectUrl":"https://example.com/checkout/order123","status":"CREATED","customerInfo":{"nationality":"DE","residCountry":"GB","residCity":"London","residZipCode":"WC2H 7NA","residStreet":"5-6 Leicester Square","residBuildingNo":"23 A","fullName":"John Doe","email":"john@example.com","tosAccepted":false},"invoices":[{"amount":0.00006262,"payCurrency":"BTC","poolCurrency":"BTC","address":"bc1qyegk"},{"amount":0.00201242,"payCurrency":"ETH","poolCurrency":"ETH","address":"0xeFd9"},{"amount":2.51094528,"payCurrency":"UST","poolCurrency":"ETH","address":"0xeFd9"},{"amount":0.00006259,"payCurrency":"BTC","poolCurrency":"LNX","address":"4e4c40ea9116cd555829f0826b4c95cb","ext":{"hash":"455fd202d997","payment_request":"lnbcrt10u1p0lg","node_pub":"02ef93b8e715"}}]}';

const PAYMENT =
  '{"txid":"9f0c1d","amount":0.00006262,"currency":"BTC","method":"BITCOIN","status":"COMPLETED","confirmations":2,"created_at":"2021-02-04 17:40:38","updated_at":"2021-02-04 17:52:11","depositId":1357996,"ledgerId":1357997,"forceCompleted":false,"amountDiff":"0"}';
const LIST_ANSWER =
  "[" + CREATED_INVOICE.replace('"status":"CREATED"', `"status":"COMPLETED","payment":${PAYMENT}`) + "]";

const mapCreated = () => toPayInvoice(wirePayInvoice.parse(parseJsonLossless(CREATED_INVOICE)));

describe("Pay invoice wire -> domain", () => {
  it("maps the documented create answer", () => {
    const inv = mapCreated();
    assert.equal(inv.id, "a6761c8b-468f-40ad-a522-cc5e41c39757");
    assert.equal(inv.createdAt, 1612460165497);
    assert.equal(inv.durationSeconds, 86399);
    assert.equal(inv.expiresAt, 1612460165497 + 86399 * 1000);
    assert.equal(inv.amount, "2.5");
    assert.equal(inv.currency, "USD");
    assert.equal(inv.orderId, "order123");
    assert.equal(inv.status, "CREATED");
    assert.deepEqual(inv.payCurrencies, ["BTC", "ETH", "UST-ETH", "LNX"]);
    assert.equal(inv.webhook, "https://example.com/api/v3/order/order123");
    assert.equal(inv.redirectUrl, "https://example.com/checkout/order123");
    assert.equal(inv.customerInfo?.fullName, "John Doe");
    assert.equal(inv.customerInfo?.residBuildingNo, "23 A");
    assert.equal(inv.customerInfo?.residState, undefined);
    assert.equal(inv.payment, null);
    assert.deepEqual(inv.additionalPayments, []);
  });

  it("keeps every amount as its exact decimal string", () => {
    const inv = mapCreated();
    assert.deepEqual(
      inv.addresses.map((a) => a.amount),
      ["0.00006262", "0.00201242", "2.51094528", "0.00006259"],
    );
    for (const a of inv.addresses) assert.equal(typeof a.amount, "string");
  });

  it("maps addresses; only the LNX entry carries a Lightning payment request", () => {
    const [btc, eth, ust, lnx] = mapCreated().addresses;
    assert.deepEqual(btc, {
      currency: null,
      payCurrency: "BTC",
      poolCurrency: "BTC",
      amount: "0.00006262",
      address: "bc1qyegk",
      lightning: null,
    });
    assert.equal(eth?.lightning, null);
    assert.equal(ust?.payCurrency, "UST");
    assert.equal(ust?.poolCurrency, "ETH");
    assert.equal(lnx?.poolCurrency, "LNX");
    assert.equal(lnx?.address, "4e4c40ea9116cd555829f0826b4c95cb");
    assert.deepEqual(lnx?.lightning, {
      paymentRequest: "lnbcrt10u1p0lg",
      hash: "455fd202d997",
      nodePub: "02ef93b8e715",
    });
  });

  it("maps a COMPLETED list answer with its snake_case payment", () => {
    const [inv] = toPayInvoices(wirePayInvoiceList.parse(parseJsonLossless(LIST_ANSWER)), (s) => assert.fail(s.reason));
    assert.equal(inv?.status, "COMPLETED");
    assert.deepEqual(inv?.payment, {
      txid: "9f0c1d",
      amount: "0.00006262",
      currency: "BTC",
      method: "BITCOIN",
      status: "COMPLETED",
      confirmations: 2,
      createdAt: "2021-02-04 17:40:38",
      updatedAt: "2021-02-04 17:52:11",
      depositId: 1357996,
      ledgerId: 1357997,
      forceCompleted: false,
      amountDiff: "0",
    });
  });

  it("keeps digits a double would lose, and normalises exponents", () => {
    const raw = CREATED_INVOICE.replace('"amount":2.5,', '"amount":12345678.123456789123,').replace(
      "0.00006262",
      "6.262e-5",
    );
    const inv = toPayInvoice(wirePayInvoice.parse(parseJsonLossless(raw)));
    assert.equal(inv.amount, "12345678.123456789123");
    assert.equal(inv.addresses[0]?.amount, "0.00006262");
  });

  it("a wrong shape becomes a malformed BitfinexError", () => {
    const broken = parseJsonLossless(CREATED_INVOICE.replace('"amount":2.5', '"amount":"lots"'));
    assert.throws(
      () => parseWire(wirePayInvoice, broken, "/v2/auth/w/ext/pay/invoice/create"),
      (e: unknown) => e instanceof BitfinexError && e.kind === "malformed" && /amount/.test(e.upstreamMessage ?? ""),
    );
    const badStatus = parseJsonLossless(CREATED_INVOICE.replace('"status":"CREATED"', '"status":"PAID"'));
    assert.equal(wirePayInvoice.safeParse(badStatus).success, false);
  });
});

describe("parseJsonLossless", () => {
  it("keeps non-integers exact as strings and integers as numbers", () => {
    const parsed = parseJsonLossless(
      '{"a":0.30000000000000004,"b":1e-7,"c":-2.50,"d":1612460165497,"e":-3,"f":0,"g":1E+21}',
    );
    assert.deepEqual(parsed, {
      a: "0.30000000000000004",
      b: "1e-7",
      c: "-2.50",
      d: 1612460165497,
      e: -3,
      f: 0,
      g: "1E+21",
    });
  });

  it("leaves digits inside strings alone, including after escaped quotes and backslashes", () => {
    const source = String.raw`{"s":"price 0.1 \"2.5\" end","t":"\\","u":1.5,"k":"a\\\"3.0"}`;
    assert.deepEqual(parseJsonLossless(source), JSON.parse(source.replace('"u":1.5', '"u":"1.5"')));
    assert.deepEqual(parseJsonLossless(source), { s: 'price 0.1 "2.5" end', t: "\\", u: "1.5", k: 'a\\"3.0' });
  });

  it("handles arrays, nesting, whitespace and literals", () => {
    assert.deepEqual(parseJsonLossless(' [ 1 , 2.0 , [true, null, false, -0.5] , {"x" : [ 3 ]} ] '), [
      1,
      "2.0",
      [true, null, false, "-0.5"],
      { x: [3] },
    ]);
  });

  it("throws on invalid JSON", () => {
    assert.throws(() => parseJsonLossless('[{"id":"trunc'));
    assert.throws(() => parseJsonLossless("Not Found"));
    assert.throws(() => parseJsonLossless(""));
  });
});

describe("stringifyWithRawNumbers / RawNumber", () => {
  it("never turns a string from the data into a number, even one that looks like an internal marker", () => {
    const value = { name: "\u0000num:1", quoted: '"\u0000num:2', amount: new RawNumber("3.10") };
    const parsed = JSON.parse(stringifyWithRawNumbers(value)) as Record<string, unknown>;
    assert.equal(parsed.name, "\u0000num:1");
    assert.equal(parsed.quoted, '"\u0000num:2');
    assert.equal(parsed.amount, 3.1);
  });

  it("writes RawNumber as a bare literal, digit for digit, and round-trips through parseJsonLossless", () => {
    const value = {
      amount: new RawNumber("2.51094528"),
      big: new RawNumber("12345678.123456789123"),
      n: new RawNumber("-7"),
      note: "2.5",
      list: [new RawNumber("0.1")],
    };
    const text = stringifyWithRawNumbers(value);
    assert.equal(text, '{"amount":2.51094528,"big":12345678.123456789123,"n":-7,"note":"2.5","list":[0.1]}');
    assert.deepEqual(parseJsonLossless(text), {
      amount: "2.51094528",
      big: "12345678.123456789123",
      n: -7,
      note: "2.5",
      list: ["0.1"],
    });
  });

  it("is plain JSON.stringify when there is no RawNumber", () => {
    const value = { a: "x\u0000y", b: [1, "num:2"], c: null };
    assert.equal(stringifyWithRawNumbers(value), JSON.stringify(value));
  });

  it("RawNumber refuses anything but a plain number literal", () => {
    for (const bad of ["1e5", "NaN", "", ".5", "1.", "+1", "1 ", "0x10", "Infinity"]) {
      assert.throws(() => new RawNumber(bad), TypeError, bad);
    }
  });
});

describe("money/decimal", () => {
  it("isDecimalString accepts plain decimals only", () => {
    for (const good of ["0", "0.5", "-2", "10", "2.51094528", "-0.001"])
      assert.equal(isDecimalString(good), true, good);
    for (const bad of ["1e5", "NaN", "", " 1", "1 ", "01", "+1", "1.", ".5", "Infinity", "1,5", "--1"]) {
      assert.equal(isDecimalString(bad), false, JSON.stringify(bad));
    }
  });

  it("toAmountString trims trailing zeros but never integer zeros", () => {
    const cases: [string, string][] = [
      ["1.50", "1.5"],
      ["2.0", "2"],
      ["100", "100"],
      ["1000.000", "1000"],
      ["0.000", "0"],
      ["0.00006262", "0.00006262"],
      ["1e-7", "0.0000001"],
      ["1.2e3", "1200"],
      ["-3.10", "-3.1"],
    ];
    for (const [input, out] of cases) assert.equal(toAmountString(new Money(input)), out, input);
  });
});
