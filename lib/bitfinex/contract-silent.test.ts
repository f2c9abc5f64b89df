/**
 * Where Bitfinex's documents are silent (issue 27): the client reads only what public sources show,
 * and anything else fails visibly. Fixtures: test/fixtures/bitfinex (the PHP SDK's fixtures, the
 * SDK 6.0.0 JSDoc), never the sandbox.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseJsonLossless } from "../json/lossless-json";
import { isBitfinexError } from "./errors";
import { refundPayInvoice, toRefundReceipt } from "./pay/refunds";
import type { BitfinexTransport } from "./transport";

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
