import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { authHeaders, sign, signaturePayload } from "./sign";

const SECRET = "test-secret";
const PATH = "v2/auth/w/ext/pay/invoice/create";
const NONCE = "1700000000000000";
const BODY = '{"amount":"2","currency":"USD"}';

// Computed once, outside the module under test, with:
//   node -e 'require("node:crypto").createHmac("sha384","test-secret")
//     .update("/api/v2/auth/w/ext/pay/invoice/create1700000000000000{\"amount\":\"2\",\"currency\":\"USD\"}").digest("hex")'
const FIXED_CREATE_SIG =
  "845b1406f7339db82f1ca17cac2b175ce34fa08d2d79be5250224a45bae7446db4489e7dccaccba42d8d20201620aac9";
// Same, over "/api/v2/auth/r/wallets" + "1700000000000001" + "" (empty body).
const FIXED_EMPTY_BODY_SIG =
  "85f068c9dff5b8f819d6b50fc40107c8271c09172e264c2cba67c0e61fa04d75bf0639ad48d2684fa706e06ca22365d6";

const hmacHex = (secret: string, text: string) => createHmac("sha384", secret).update(text).digest("hex");

describe("sign", () => {
  it("is HMAC-SHA384 hex over '/api/' + path + nonce + body (independent computation)", () => {
    const expected = hmacHex(
      SECRET,
      "/api/v2/auth/w/ext/pay/invoice/create" + "1700000000000000" + '{"amount":"2","currency":"USD"}',
    );
    assert.equal(sign(SECRET, PATH, NONCE, BODY), expected);
  });

  it("matches a fixed known vector", () => {
    assert.equal(sign(SECRET, PATH, NONCE, BODY), FIXED_CREATE_SIG);
    // Guards the test's own helper too: a regression in either side is caught.
    assert.equal(hmacHex(SECRET, `/api/${PATH}${NONCE}${BODY}`), FIXED_CREATE_SIG);
  });

  it("is 96 lowercase hex characters (SHA-384)", () => {
    assert.match(sign(SECRET, PATH, NONCE, BODY), /^[0-9a-f]{96}$/);
  });

  it("a leading slash (or several) on the path does not change the signature", () => {
    const plain = sign(SECRET, PATH, NONCE, BODY);
    assert.equal(sign(SECRET, "/" + PATH, NONCE, BODY), plain);
    assert.equal(sign(SECRET, "//" + PATH, NONCE, BODY), plain);
    assert.equal(signaturePayload("/" + PATH, NONCE, BODY), "/api/" + PATH + NONCE + BODY);
  });

  it("signs an empty body over the empty string, like the Python SDK", () => {
    assert.equal(
      signaturePayload("v2/auth/r/wallets", "1700000000000001", ""),
      "/api/v2/auth/r/wallets1700000000000001",
    );
    assert.equal(sign(SECRET, "v2/auth/r/wallets", "1700000000000001", ""), FIXED_EMPTY_BODY_SIG);
    // Not "{}" and not "undefined".
    assert.notEqual(
      sign(SECRET, "v2/auth/r/wallets", "1700000000000001", ""),
      hmacHex(SECRET, "/api/v2/auth/r/wallets1700000000000001{}"),
    );
  });

  it("changes when any input changes", () => {
    const base = sign(SECRET, PATH, NONCE, BODY);
    assert.notEqual(sign("other-secret", PATH, NONCE, BODY), base);
    assert.notEqual(sign(SECRET, "v2/auth/r/ext/pay/invoices", NONCE, BODY), base);
    assert.notEqual(sign(SECRET, PATH, "1700000000000001", BODY), base);
    assert.notEqual(sign(SECRET, PATH, NONCE, '{"amount":"2.0","currency":"USD"}'), base);
  });
});

describe("authHeaders", () => {
  it("returns exactly bfx-nonce, bfx-apikey, bfx-signature and content-type", () => {
    const headers = authHeaders("my-key", SECRET, PATH, NONCE, BODY);
    assert.deepEqual(Object.keys(headers).sort(), ["bfx-apikey", "bfx-nonce", "bfx-signature", "content-type"]);
    assert.equal(headers["bfx-nonce"], NONCE);
    assert.equal(headers["bfx-apikey"], "my-key");
    assert.equal(headers["content-type"], "application/json");
    assert.equal(headers["bfx-signature"], FIXED_CREATE_SIG);
  });

  it("never puts the secret in a header", () => {
    const headers = authHeaders("my-key", SECRET, PATH, NONCE, BODY);
    for (const value of Object.values(headers)) assert.ok(!value.includes(SECRET));
  });
});
