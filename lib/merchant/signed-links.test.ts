/** Signed static links: any change to what the customer pays breaks the signature. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signedLinkQuery, verifySignedLink } from "./signed-links";

const SECRET = "0123456789abcdef0123456789abcdef";
const params = { amount: "25.00", currency: "USD", orderId: "INV-1001", description: "Two mugs", exp: 2_000_000_000 };
const now = 1_900_000_000;

describe("signed static links", () => {
  it("verifies the link it made", () => {
    const result = verifySignedLink(SECRET, new URLSearchParams(signedLinkQuery(SECRET, params)), now);
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && JSON.parse(JSON.stringify(result.params)), params);
  });

  const tamper: Array<[string, (q: URLSearchParams) => void]> = [
    ["a changed amount", (q) => q.set("amount", "2.50")],
    ["a changed currency", (q) => q.set("currency", "EUR")],
    ["a changed order id", (q) => q.set("orderId", "INV-1002")],
    ["a changed description", (q) => q.set("description", "Ten mugs")],
    ["a removed expiry", (q) => q.delete("exp")],
    ["a later expiry", (q) => q.set("exp", "2100000000")],
    ["an added parameter", (q) => q.set("payCurrencies", "BTC")],
    ["an unknown parameter", (q) => q.set("redirectUrl", "https://evil.example")],
    ["a repeated parameter", (q) => q.append("amount", "25.00")],
    ["a missing signature", (q) => q.delete("sig")],
    ["another signature", (q) => q.set("sig", "A".repeat(43))],
    ["an amount with an exponent", (q) => q.set("amount", "2.5e1")],
  ];
  for (const [what, change] of tamper) {
    it(`refuses ${what}`, () => {
      const q = new URLSearchParams(signedLinkQuery(SECRET, params));
      change(q);
      assert.deepEqual(verifySignedLink(SECRET, q, now), { ok: false, reason: "tampered" });
    });
  }

  it("refuses a link signed with another secret", () => {
    const q = new URLSearchParams(signedLinkQuery("another-secret-another-secret-xx", params));
    assert.deepEqual(verifySignedLink(SECRET, q, now), { ok: false, reason: "tampered" });
  });

  it("says expired once the expiry has passed", () => {
    const q = new URLSearchParams(signedLinkQuery(SECRET, params));
    assert.deepEqual(verifySignedLink(SECRET, q, 2_000_000_000), { ok: false, reason: "expired" });
  });
});
