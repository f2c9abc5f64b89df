/**
 * A conversion create or remove whose answer was lost is checked against the list (documented
 * `[{baseCcy, convertCcy, created}]`, bfx-api-node-rest 6.0.0 JSDoc) before it is sent again.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BitfinexError } from "../bitfinex/errors";
import { addConversion, listConversions, removeConversion } from "../bitfinex/pay/conversions";
import type { BitfinexTransport } from "../bitfinex/transport";
import { changeConversion } from "./conversions";

/** A Bitfinex stand-in that applies every write, but whose answers to the first `lose` writes are lost. */
function standIn(rules: Array<{ baseCcy: string; convertCcy: string }>, lose: number) {
  const writes: string[] = [];
  const t = {
    authPost: async (path: string, body: { baseCcy: string; convertCcy: string }) => {
      if (path.endsWith("/convert/list")) return rules.map((r) => ({ ...r, created: 1_700_000_000_000 }));
      writes.push(path.split("/").at(-1)!);
      const at = rules.findIndex((r) => r.baseCcy === body.baseCcy && r.convertCcy === body.convertCcy);
      if (path.endsWith("/convert/remove")) {
        if (at < 0)
          throw new BitfinexError({
            kind: "invalid_request",
            endpoint: "/" + path,
            httpStatus: 500,
            upstreamMessage: "ERR_PAY_CONVERSION_NOT_FOUND",
          });
        rules.splice(at, 1);
      } else if (at < 0) rules.push(body);
      if (writes.length <= lose) throw new BitfinexError({ kind: "timeout", endpoint: "/" + path });
      return true;
    },
  } as unknown as BitfinexTransport;
  const pay = {
    addConversion: (r: { baseCcy: string; convertCcy: string }) => addConversion(t, r),
    removeConversion: (r: { baseCcy: string; convertCcy: string }) => removeConversion(t, r),
    listConversions: () => listConversions(t),
  };
  return { pay, writes, rules };
}

describe("conversion changes whose answer was lost", () => {
  it("a remove that happened upstream is not sent again (no 409 for the merchant's own request)", async () => {
    const s = standIn([{ baseCcy: "UST", convertCcy: "USD" }], 1);
    await changeConversion(s.pay, "remove", { baseCcy: "UST", convertCcy: "USD" });
    assert.deepEqual(s.writes, ["remove"]);
    assert.deepEqual(s.rules, []);
  });

  it("a create that happened upstream is not sent again", async () => {
    const s = standIn([], 1);
    await changeConversion(s.pay, "add", { baseCcy: "BTC", convertCcy: "EUR" });
    assert.deepEqual(s.writes, ["create"]);
    assert.equal(s.rules.length, 1);
  });

  it("a lost write the list does not show is sent once more; a refusal is passed on untouched", async () => {
    const lost = standIn([], 1);
    // This stand-in lost the answer but the list shows no rule: as if Bitfinex had not done it.
    lost.pay.listConversions = async () => [];
    await changeConversion(lost.pay, "add", { baseCcy: "ETH", convertCcy: "USD" });
    assert.deepEqual(lost.writes, ["create", "create"]);
    const refused = standIn([], 0);
    await assert.rejects(
      changeConversion(refused.pay, "remove", { baseCcy: "ETH", convertCcy: "USD" }),
      (e: unknown) => e instanceof BitfinexError && e.kind === "invalid_request",
    );
    assert.deepEqual(refused.writes, ["remove"]);
  });
});
