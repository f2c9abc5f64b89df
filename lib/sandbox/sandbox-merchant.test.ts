/**
 * The sandbox's merchant surface (refunds, invoice update and events, limits, conversions,
 * settings): its raw answers go through the client's own parsers, its parameter checks refuse
 * Bitfinex-style, limits are enforced, and refunds are journaled and visible in the control state.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BitfinexClient } from "../bitfinex/client";
import { wireConversion } from "../bitfinex/pay/conversions";
import { wireInvoiceEvent } from "../bitfinex/pay/events";
import { wireCurrencyDetail, wireDailyLimit } from "../bitfinex/pay/limits";
import { toRefundReceipt } from "../bitfinex/pay/refunds";
import { wireSettingsList } from "../bitfinex/pay/settings";
import { wirePayInvoice } from "../bitfinex/wire/pay-invoice";
import { CUSTOMER, expectBfxError, orderId, startHarness, type Harness } from "../../test/support/sandbox-harness";

let h: Harness;
let bfx: BitfinexClient;
const raw = new Map<string, string>();

/** A client recording each raw answer (made again after a restart: the sandbox's port changes). */
const makeClient = () =>
  h.client({
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.text();
      raw.set(new URL(String(input)).pathname.replace(/^.*?\/v2\//, "v2/"), text);
      return new Response(text, { status: res.status, headers: res.headers });
    },
  });
before(async () => {
  h = await startHarness();
  bfx = makeClient();
});
after(() => h.close());

const create = (amount = "25", payCurrencies = ["BTC", "UST-TRX"]) =>
  bfx.pay.createInvoice({
    type: "ECOMMERCE",
    amount,
    currency: "USD",
    payCurrencies,
    orderId: orderId(),
    customerInfo: CUSTOMER,
  });
const createFor = (email: string, amount: string) =>
  bfx.pay.createInvoice({
    type: "ECOMMERCE",
    amount,
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: orderId(),
    customerInfo: { ...CUSTOMER, email },
  });
const rawJson = (path: string) => JSON.parse(raw.get(path)!);
// A valid mainnet Tron address (Tether's treasury) and a bech32 regtest one of the right checksum.
const TRON = "TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs";

describe("refunds in the sandbox", () => {
  it("a paid invoice refunds part then the rest; more than was paid is refused; journaled and in the control state", async () => {
    const inv = await create();
    const paid = await h.control(`invoices/${inv.id}/pay`, { payCurrency: "UST-TRX" });
    const amount: string = paid.body.payment.amount;
    const receipt = await bfx.pay.refundInvoice({ id: inv.id, ccy: "UST", amount: "10", address: TRON });
    assert.ok(receipt.refundId, "the answer names the refund");
    assert.deepEqual(
      toRefundReceipt(rawJson("v2/auth/w/ext/pay/invoice/refund"), inv.id, "x"),
      receipt,
      "the raw answer reads the same through the client's parser",
    );
    const err = await expectBfxError(
      () => bfx.pay.refundInvoice({ id: inv.id, ccy: "UST", amount, address: TRON }),
      "invalid_request",
    );
    assert.match(err.upstreamMessage ?? "", /ERR_PAY_REFUND_AMOUNT_EXCEEDED/);
    const state = await h.state();
    const listed = state.refunds.filter((r: { invoiceId: string }) => r.invoiceId === inv.id);
    assert.deepEqual(
      listed.map((r: { amount: string; ccy: string; address: string }) => `${r.amount} ${r.ccy} ${r.address}`),
      [`10 UST ${TRON}`],
    );
    await h.restart();
    bfx = makeClient();
    const again = (await h.state()).refunds.filter((r: { invoiceId: string }) => r.invoiceId === inv.id);
    assert.equal(again.length, 1, "kept across a restart (journaled)");
  });

  it("refuses Bitfinex-style: bad amount, address of another chain, unpaid currency, unknown invoice, missing address object", async () => {
    const inv = await create();
    await h.control(`invoices/${inv.id}/pay`, { payCurrency: "BTC" });
    const t = bfx.transport;
    const cases: Array<[unknown, RegExp]> = [
      [{ id: inv.id, ccy: "BTC", amount: 0.1, address: { address: TRON } }, /amount: invalid/],
      [{ id: inv.id, ccy: "BTC", amount: "0.00000001", address: TRON }, /address: invalid/],
      [{ id: inv.id, ccy: "BTC", amount: "0.00000001", address: { address: TRON } }, /ERR_PAY_ADDRESS_INVALID/],
      [{ id: inv.id, ccy: "UST", amount: "1", address: { address: TRON } }, /ERR_PAY_CURRENCY_INVALID/],
      [{ id: "nope", ccy: "BTC", amount: "1", address: { address: TRON } }, /ERR_PAY_INVOICE_NOT_FOUND/],
    ];
    for (const [body, message] of cases) {
      const e = await expectBfxError(
        () => t.authPost("v2/auth/w/ext/pay/invoice/refund", body as object, { idempotent: false }),
        "invalid_request",
      );
      assert.match(e.upstreamMessage ?? "", message, JSON.stringify(body));
      assert.match(raw.get("v2/auth/w/ext/pay/invoice/refund") ?? "", /^\["error",/);
    }
  });

  it("mark refunded records a refund made elsewhere, and events list it beside creation and payment", async () => {
    const inv = await create();
    await h.control(`invoices/${inv.id}/pay`, { payCurrency: "BTC" });
    await bfx.pay.markRefunded({ id: inv.id, refundId: "manual-1" });
    const events = await bfx.pay.listInvoiceEvents(inv.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ["CREATED", "PAYMENT_RECEIVED", "COMPLETED", "MARKED_REFUNDED"],
    );
    for (const row of rawJson("v2/auth/r/ext/pay/invoice/events")) assert.ok(wireInvoiceEvent.safeParse(row).success);
  });
});

describe("invoice update (terms of service)", () => {
  it("records tosAccepted on the invoice; its answer is still a documented invoice", async () => {
    const inv = await create();
    await bfx.pay.updateInvoice({ id: inv.id, tosAccepted: true });
    const body = rawJson("v2/auth/w/ext/pay/invoice/update");
    assert.ok(wirePayInvoice.safeParse(body).success);
    assert.equal(body.customerInfo.tosAccepted, true);
    assert.equal((await h.state()).payInvoices.find((i: { id: string }) => i.id === inv.id).tosAccepted, true);
    await expectBfxError(
      () =>
        bfx.transport.authPost(
          "v2/auth/w/ext/pay/invoice/update",
          { id: inv.id, fields: { customerInfo: { tosAccepted: "yes" } } },
          { idempotent: true },
        ),
      "invalid_request",
    );
  });
});

describe("limits", () => {
  it("daily limit and currency details read through the client's schemas; a currency's max is enforced at create", async () => {
    await h.control("limits", {
      customerDailyLimit: "100000",
      currencyLimits: { "UST-TRX": { min: "1", max: "50" } },
    });
    const limit = await bfx.pay.getDailyLimit();
    assert.equal(limit.ecommerceLimit, "100000");
    assert.ok(wireDailyLimit.safeParse(rawJson("v2/auth/r/ext/pay/settings/daily/limit")).success);
    const detailed = await bfx.pay.listPublicCurrencyLimits();
    for (const row of rawJson("v2/ext/pay/invoice/currency/detailed"))
      assert.ok(wireCurrencyDetail.safeParse(row).success);
    assert.deepEqual(
      detailed.find((c) => c.symbol === "UST-TRX"),
      { symbol: "UST-TRX", min: "1", max: "50", currency: "USD", enabled: true },
    );
    // Sent as SDK 6.0.0 sends it, unsigned to an /auth path: the sandbox refuses it as an auth
    // route would (the app then reads the public list, lib/pay-limits/source.ts).
    await expectBfxError(() => bfx.pay.listCurrencyLimits(), "auth");
    const e = await expectBfxError(() => create("60", ["BTC", "UST-TRX"]), "invalid_request");
    assert.match(e.upstreamMessage ?? "", /ERR_PAY_AMOUNT_INVALID/);
    await create("60", ["BTC"]);
  });

  it("the daily limit is per customer, by email: one past it is refused, another is not; POS invoices do not count", async () => {
    await h.control("limits", { customerDailyLimit: "50", currencyLimits: {} });
    const a = `a-${orderId()}@example.com`;
    const b = `b-${orderId()}@example.com`;
    await createFor(a, "30");
    await createFor(a.toUpperCase(), "20"); // the same customer, however the email is cased
    const e = await expectBfxError(() => createFor(a, "0.5"), "invalid_request");
    assert.equal(e.upstreamMessage, "ERR_CREATE_INVOICE: ERR_PAY_CUSTOMER_DAILY_LIMIT_REACHED");
    await createFor(b, "50");
    await bfx.pay.createInvoice({
      type: "POS",
      amount: "50",
      currency: "USD",
      payCurrencies: ["BTC"],
      orderId: orderId(),
    });
    const daily = await bfx.pay.getDailyLimit({ customerEmails: [a, b, "new@example.com"] });
    assert.deepEqual(daily.customers, [
      { email: a, usage: "50" },
      { email: b, usage: "50" },
      { email: "new@example.com", usage: "0" },
    ]);
    assert.ok(wireDailyLimit.safeParse(rawJson("v2/auth/r/ext/pay/settings/daily/limit")).success);
    await expectBfxError(() => bfx.pay.getDailyLimit({ customerEmails: ["not-an-email"] }), "invalid_request");
  });

  it("kept in the limit currency: EUR limits are compared with the invoice amount in EUR", async () => {
    // 1 EUR = 1.08 USD in the sandbox: $105 is 97.23 EUR, then $3 more (2.78 EUR) passes 100 EUR.
    await h.control("limits", { customerDailyLimit: "100", limitCcy: "EUR" });
    const a = `eur-${orderId()}@example.com`;
    await createFor(a, "105");
    const daily = await bfx.pay.getDailyLimit({ customerEmails: [a] });
    assert.deepEqual([daily.currency, daily.customers[0]?.usage], ["EUR", "97.22222223"]);
    await expectBfxError(() => createFor(a, "3"), "invalid_request");
    await createFor(a, "2.9");
    await h.control("limits", { customerDailyLimit: "1000000", limitCcy: "USD" });
  });
});

describe("conversion rules and merchant settings", () => {
  it("add (pay symbol stored as API symbol), list in the documented shape, remove; refusals", async () => {
    await bfx.pay.addConversion({ baseCcy: "UST-TRX", convertCcy: "USD" });
    const list = await bfx.pay.listConversions();
    assert.deepEqual(
      list.map((r) => `${r.baseCcy}>${r.convertCcy}`),
      ["UST>USD"],
    );
    for (const row of rawJson("v2/auth/r/ext/pay/settings/convert/list"))
      assert.ok(wireConversion.safeParse(row).success);
    await expectBfxError(() => bfx.pay.addConversion({ baseCcy: "BTC", convertCcy: "BTC" }), "invalid_request");
    await expectBfxError(() => bfx.pay.addConversion({ baseCcy: "XYZ", convertCcy: "USD" }), "invalid_request");
    await bfx.pay.removeConversion({ baseCcy: "UST", convertCcy: "USD" });
    assert.deepEqual(await bfx.pay.listConversions(), []);
    await expectBfxError(() => bfx.pay.removeConversion({ baseCcy: "UST", convertCcy: "USD" }), "invalid_request");
  });

  it("settings: set, batch, get, list; unknown keys refused", async () => {
    await bfx.pay.setSetting("bfx_pay_preferred_fiat", "EUR");
    await bfx.pay.setSettings([{ key: "bfx_pay_merchant_underpaid_threshold", value: "0.01" }]);
    assert.equal(await bfx.pay.getSetting("bfx_pay_preferred_fiat"), "EUR");
    const all = await bfx.pay.listSettings();
    assert.ok(wireSettingsList.safeParse(rawJson("v2/auth/r/ext/pay/settings/list")).success);
    assert.deepEqual(all, { bfx_pay_preferred_fiat: "EUR", bfx_pay_merchant_underpaid_threshold: "0.01" });
    await expectBfxError(() => bfx.pay.setSetting("not_a_key", "x"), "invalid_request");
    await expectBfxError(
      () =>
        bfx.pay.setSettings([
          { key: "bfx_pay_preferred_fiat", value: "USD" },
          { key: "nope", value: 1 },
        ]),
      "invalid_request",
    );
    assert.equal(await bfx.pay.getSetting("bfx_pay_preferred_fiat"), "EUR", "a refused batch writes nothing");
  });
});
