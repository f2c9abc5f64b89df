import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explorerUrl } from "./explorers";

const BTC_TX = "5119b4caaad1af22bebb2373995d8ecd8dfb23cc1971d0347aaa516b4e0f3e3a"; // the seed's webhook example

describe("explorerUrl", () => {
  it("links live transactions of each chain's own form", () => {
    assert.equal(explorerUrl("live", "BTC", BTC_TX), `https://mempool.space/tx/${BTC_TX}`);
    assert.equal(explorerUrl("live", "UST-ETH", `0x${BTC_TX}`), `https://etherscan.io/tx/0x${BTC_TX}`);
    assert.equal(explorerUrl("live", "UST-TRX", BTC_TX.toUpperCase()), `https://tronscan.org/#/transaction/${BTC_TX}`);
  });

  it("never a link for the sandbox, Lightning, or an id that is not the chain's transaction form", () => {
    assert.equal(explorerUrl("sandbox", "BTC", BTC_TX), null, "regtest transactions are on no public explorer");
    assert.equal(explorerUrl("live", "LNX", BTC_TX), null, "a Lightning payment hash is not on chain");
    assert.equal(
      explorerUrl("live", "BTC", "144f46a6-174c-4e05-8a6e-40b3fbb755ad"),
      null,
      "the PHP fixture's internal id",
    );
    assert.equal(explorerUrl("live", "ETH", BTC_TX), null, "an EVM transaction starts with 0x");
    assert.equal(explorerUrl("live", "BTC", `${BTC_TX}"><script>`), null);
    assert.equal(explorerUrl("live", null, BTC_TX), null);
  });
});
