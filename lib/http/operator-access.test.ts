import assert from "node:assert/strict";
import { test } from "node:test";
import { SOCKET_ADDRESS_HEADER } from "../net/client-address";
import { operatorAccess } from "./operator-access";

const peer = (address: string, extra: Record<string, string> = {}) =>
  new Headers({ [SOCKET_ADDRESS_HEADER]: address, ...extra });

test("without METRICS_TOKEN only a direct request from this machine reads the metrics", () => {
  assert.equal(operatorAccess(peer("127.0.0.1"), null), "allowed");
  assert.equal(operatorAccess(peer("::1"), null), "allowed");
  assert.equal(operatorAccess(peer("::ffff:127.0.0.1"), null), "allowed");
  assert.equal(operatorAccess(peer("203.0.113.7"), null), "loopback_only");
  assert.equal(operatorAccess(peer("10.0.0.2"), null), "loopback_only");
  assert.equal(operatorAccess(peer(""), null), "loopback_only");
  assert.equal(operatorAccess(new Headers(), null), "loopback_only");
});

test("a reverse proxy on this machine connects from loopback, but says whom it forwarded: refused", () => {
  // Next fills X-Forwarded-For with the TCP peer when a request has none.
  assert.equal(operatorAccess(peer("127.0.0.1", { "x-forwarded-for": "127.0.0.1" }), null), "allowed");
  assert.equal(
    operatorAccess(peer("127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.7" }), null),
    "loopback_only",
  );
  assert.equal(operatorAccess(peer("127.0.0.1", { "x-forwarded-for": "203.0.113.7" }), null), "loopback_only");
  assert.equal(operatorAccess(peer("127.0.0.1", { forwarded: "for=203.0.113.7" }), null), "loopback_only");
});

test("with METRICS_TOKEN the bearer token decides, wherever the request comes from", () => {
  const token = "metrics-token-0123456789abcdef";
  assert.equal(operatorAccess(peer("203.0.113.7", { authorization: `Bearer ${token}` }), token), "allowed");
  assert.equal(operatorAccess(peer("203.0.113.7", { authorization: `bearer ${token}` }), token), "allowed");
  assert.equal(operatorAccess(peer("127.0.0.1"), token), "token_required");
  assert.equal(operatorAccess(peer("127.0.0.1", { authorization: `Bearer ${token}x` }), token), "token_required");
  assert.equal(operatorAccess(peer("127.0.0.1", { authorization: token }), token), "token_required");
});
