/**
 * Where Bitfinex's documents are silent (issue 27): the client reads only what public sources show,
 * and anything else fails visibly. Fixtures: test/fixtures/bitfinex (the PHP SDK's fixtures, the
 * SDK 6.0.0 JSDoc), never the sandbox.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { CheckoutDeps } from "../checkouts/deps";
import { entryProblem } from "../checkouts/rails/entry-check";
import { entrySymbol } from "../checkouts/rails/pay-payments";
import type { CheckoutRow } from "../checkouts/repository";
import { parseJsonLossless } from "../json/lossless-json";
import { isBitfinexError } from "./errors";
import { refundPayInvoice, toRefundReceipt } from "./pay/refunds";
import type { BitfinexTransport } from "./transport";
import { toPayInvoice, wirePayInvoice } from "./wire/pay-invoice";

const FIXTURES = join(process.cwd(), "test/fixtures/bitfinex");
const fixture = (name: string): unknown => parseJsonLossless(readFileSync(join(FIXTURES, name), "utf8"));
const INVOICE_ID = "a6761c8b-468f-40ad-a522-cc5e41c39757"; // the PHP create fixture's id

describe("refund answers: only Bitfinex's recognisable success counts as sent", () => {
  it("the refunded invoice itself (Pay's documented write answer, as complete and expire give it) is success", () => {
    const receipt = toRefundReceipt(fixture("php-200_payInvoiceCreate_response.json"), INVOICE_ID, "/x");
    assert.deepEqual(receipt, { refundId: null, status: null, form: "invoice" });
  });

  it("a SUCCESS notification (the PHP SDK's withdraw answer) is success, naming the id in its data", () => {
    const receipt = toRefundReceipt(fixture("php-200_withdraw_response.json"), INVOICE_ID, "/x");
    assert.deepEqual(receipt, { refundId: "13080092", status: "SUCCESS", form: "notification" });
  });

  it("true, a bare id, another invoice, an object we made up, an ERROR notification, null: not recognised (malformed)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const otherInvoice = { ...(fixture("php-200_payInvoiceCreate_response.json") as any), id: "another-invoice" };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const error = [...(fixture("php-200_withdraw_response.json") as any[])];
    error[6] = "ERROR";
    for (const answer of [true, "re_123", 42, otherInvoice, { refundId: "r1", status: "COMPLETED" }, error, null, []]) {
      const t = { authPost: async () => answer } as unknown as BitfinexTransport;
      await assert.rejects(
        refundPayInvoice(t, { id: INVOICE_ID, ccy: "BTC", amount: "0.0001", address: "bc1q" }),
        (e: unknown) =>
          isBitfinexError(e) && e.kind === "malformed" && /not recognisably/.test(e.upstreamMessage ?? ""),
        JSON.stringify(answer),
      );
    }
  });
});

describe("invoice entries are checked before a customer sees them", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const created = toPayInvoice(wirePayInvoice.parse(fixture("php-200_payInvoiceCreate_response.json")) as any);
  const btc = created.addresses.find((a) => a.payCurrency === "BTC" && a.poolCurrency === "BTC")!;
  const checkout = { amount: "2.5", currency: "USD" } as CheckoutRow;
  // The fixture's own price: $2.50 for 0.00006262 BTC, about $39,923 a bitcoin.
  const deps = {
    mode: "live",
    now: () => 0,
    log: () => {},
    bitfinex: { market: { getTicker: async () => ({ bid: "39923" }), getFxRate: async () => "1" } },
  } as unknown as CheckoutDeps;

  it("the PHP fixture's entries pass: addresses fit their chains, amounts match our own quote", async () => {
    for (const entry of created.addresses) {
      const symbol = entrySymbol(entry)!;
      assert.equal(await entryProblem(deps, checkout, symbol, entry), null, symbol);
    }
  });

  it("a Tron address on a bitcoin entry, or 5 BTC for $2.50, is refused with the reason", async () => {
    const tron = await entryProblem(deps, checkout, "BTC", { ...btc, address: "TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs" });
    assert.match(tron ?? "", /not a Bitcoin address/);
    const five = await entryProblem(deps, checkout, "BTC", { ...btc, amount: "5" });
    assert.match(five ?? "", /asks for 5 BTC for 2\.5 USD; our own quote is 0\.00006262 BTC, more than 15% apart/);
    const close = await entryProblem(deps, checkout, "BTC", { ...btc, amount: "0.00007" });
    assert.equal(close, null, "12% above our quote is within the 15% allowed");
  });
});
