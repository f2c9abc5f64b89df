import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baseUnits, paymentTargets } from "./payment-uri";

describe("payment QR contents", () => {
  it("BTC on-chain: a BIP21 URI with the exact amount", () => {
    const t = paymentTargets({
      payCurrency: "BTC",
      address: "bcrt1qexample",
      paymentRequest: null,
      amount: "0.00025003",
    });
    assert.equal(t.qr, "bitcoin:bcrt1qexample?amount=0.00025003");
    assert.equal(t.walletLink, t.qr);
  });
  it("Lightning: lightning: + the BOLT11 in upper case; the link keeps it as given", () => {
    const t = paymentTargets({
      payCurrency: "LNX",
      address: null,
      paymentRequest: "lnbcrt250u1pexample",
      amount: "0.00025",
    });
    assert.equal(t.qr, "lightning:LNBCRT250U1PEXAMPLE");
    assert.equal(t.walletLink, "lightning:lnbcrt250u1pexample");
  });
  it("Ether: EIP-681 with the value in wei, on chain 1", () => {
    const t = paymentTargets({
      payCurrency: "ETH",
      address: "0xAbC0000000000000000000000000000000000001",
      paymentRequest: null,
      amount: "0.00625",
    });
    assert.equal(t.qr, "ethereum:0xAbC0000000000000000000000000000000000001@1?value=6250000000000000");
    assert.equal(t.walletLink, t.qr);
  });
  it("USDt and EURt on Ethereum: EIP-681 transfer on the token contract, the amount in base units (6 decimals), exact", () => {
    const t = paymentTargets({
      payCurrency: "UST-ETH",
      address: "0xAbC0000000000000000000000000000000000001",
      paymentRequest: null,
      amount: "25.000001",
    });
    assert.equal(
      t.qr,
      "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=0xAbC0000000000000000000000000000000000001&uint256=25000001",
    );
    assert.equal(t.walletLink, t.qr);
    assert.match(
      paymentTargets({ payCurrency: "EUT-ETH", address: "0x1", paymentRequest: null, amount: "23.15" }).qr,
      /^ethereum:0xC581b735A1688071A1746c968e0798D642EDE491@1\/transfer\?address=0x1&uint256=23150000$/,
    );
  });
  it("base units are exact digits, never a float; an amount finer than the token cannot be encoded", () => {
    assert.equal(baseUnits("0.00625", 18), "6250000000000000");
    assert.equal(baseUnits("25", 6), "25000000");
    assert.equal(baseUnits("0.000001", 6), "1");
    assert.equal(baseUnits("123456789.123456", 6), "123456789123456");
    assert.equal(baseUnits("0.0000001", 6), null);
    assert.equal(baseUnits("1e3", 6), null);
  });
  it("other chains (Tron has no URI standard): the bare address, no wallet link", () => {
    const t = paymentTargets({ payCurrency: "UST-TRX", address: "TXYZ", paymentRequest: null, amount: "25.01" });
    assert.deepEqual(t, { qr: "TXYZ", walletLink: null });
  });
});
