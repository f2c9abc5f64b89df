/**
 * Webhook signatures: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, verified with a
 * timing-safe compare; a wrong secret, a changed body, an old or future timestamp or a malformed
 * header fail.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { verifyWebhook } from "../../docs/examples/verify-webhook";
import { signatureHeader } from "./signature";

const secret = "whsec_abcdefghijklmnopqrstuvwxyz234567";
const body = JSON.stringify({ id: "evt_x", type: "checkout.paid", created: "2026-01-01T00:00:00.000Z", data: {} });
const t = 1_767_225_600;
const now = t * 1000;

describe("webhook signature", () => {
  it("is the documented HMAC-SHA256 of `${t}.${body}` in hex", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    assert.equal(signatureHeader(secret, body, t), `t=${t},v1=${expected}`);
    assert.equal(signatureHeader(secret, body, t + 0.9), `t=${t},v1=${expected}`, "whole seconds");
  });

  it("verifies with the right secret, body and a recent timestamp", () => {
    const header = signatureHeader(secret, body, t);
    assert.equal(verifyWebhook(body, header, secret, 300, now), true);
    assert.equal(verifyWebhook(body, header, secret, 300, now + 299_000), true);
    assert.equal(
      verifyWebhook(body, ` ${header.replace(",", ", ")} `, secret, 300, now),
      true,
      "spaces around entries",
    );
  });

  it("fails with a wrong secret, a tampered body, or an old or future timestamp", () => {
    const header = signatureHeader(secret, body, t);
    assert.equal(verifyWebhook(body, header, "whsec_other", 300, now), false);
    assert.equal(verifyWebhook(body.replace("paid", "expired"), header, secret, 300, now), false);
    assert.equal(verifyWebhook(body + " ", header, secret, 300, now), false);
    assert.equal(verifyWebhook(body, header, secret, 300, now + 301_000), false, "too old");
    assert.equal(verifyWebhook(body, header, secret, 300, now - 301_000), false, "from the future");
    assert.equal(verifyWebhook(body, header, secret, 3600, now + 3_600_000), true, "tolerance is configurable");
    // A replay with a fresh timestamp but the old signature fails: t is signed.
    const replay = header.replace(`t=${t}`, `t=${t + 1000}`);
    assert.equal(verifyWebhook(body, replay, secret, 300, now + 1_000_000), false);
  });

  it("refuses malformed headers, and accepts any one of several v1 signatures", () => {
    const good = signatureHeader(secret, body, t);
    const v1 = good.split("v1=")[1]!;
    for (const bad of [
      null,
      "",
      "t=abc,v1=" + v1,
      `v1=${v1}`,
      `t=${t}`,
      `t=${t},v1=${v1.slice(2)}`,
      `t=${t},v0=${v1}`,
      `t=${t},v1=${v1.toUpperCase()}`,
    ]) {
      assert.equal(verifyWebhook(body, bad, secret, 300, now), false, String(bad));
    }
    const other = signatureHeader("whsec_old", body, t).split("v1=")[1]!;
    assert.equal(verifyWebhook(body, `t=${t},v1=${other},v1=${v1}`, secret, 300, now), true);
  });
});
