import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { paymentTargets } from "./payment-uri";

describe("payment QR contents", () => {
  it("BTC on-chain: a BIP21 URI with the exact amount", () => {
    const t = paymentTargets({ payCurrency: "BTC", address: "bcrt1qexample", paymentRequest: null, amount: "0.00025003" });
    assert.equal(t.qr, "bitcoin:bcrt1qexample?amount=0.00025003");
    assert.equal(t.walletLink, t.qr);
  });
  it("Lightning: lightning: + the BOLT11 in upper case; the link keeps it as given", () => {
    const t = paymentTargets({ payCurrency: "LNX", address: null, paymentRequest: "lnbcrt250u1pexample", amount: "0.00025" });
    assert.equal(t.qr, "lightning:LNBCRT250U1PEXAMPLE");
    assert.equal(t.walletLink, "lightning:lnbcrt250u1pexample");
  });
  it("other chains: the bare address, no wallet link", () => {
    const t = paymentTargets({ payCurrency: "UST-TRX", address: "TXYZ", paymentRequest: null, amount: "25.01" });
    assert.deepEqual(t, { qr: "TXYZ", walletLink: null });
  });
});
