import assert from "node:assert/strict";
import { test } from "node:test";
import { webhookUrlProblem } from "./webhook-url-rules";

test("live mode: a receiver on this machine or the LAN needs WEBHOOK_ALLOW_PRIVATE, and with it may be plain http://", () => {
  for (const url of ["http://127.0.0.1:8080/hooks", "https://192.168.1.20/hooks", "http://localhost/hooks"])
    assert.match(webhookUrlProblem(url, "live") ?? "", /WEBHOOK_ALLOW_PRIVATE=1|https:\/\//, url);
  for (const url of [
    "http://127.0.0.1:8080/hooks",
    "http://10.0.0.5/hooks",
    "http://localhost:9000/h",
    "https://192.168.1.20/hooks",
  ])
    assert.equal(webhookUrlProblem(url, "live", true), null, url);
});

test("live mode with the opt-in: a public or named host still needs https://, and the other rules stay", () => {
  assert.equal(webhookUrlProblem("http://shop.example/hooks", "live", true), "must use https:// in live mode");
  assert.equal(webhookUrlProblem("http://shop.lan/hooks", "live", true), "must use https:// in live mode");
  assert.equal(webhookUrlProblem("http://8.8.8.8/hooks", "live", true), "must use https:// in live mode");
  assert.equal(
    webhookUrlProblem("http://u:p@127.0.0.1/hooks", "live", true),
    "must not contain a user name or password",
  );
  assert.equal(webhookUrlProblem("ftp://127.0.0.1/hooks", "live", true), "must start with http:// or https://");
  assert.equal(webhookUrlProblem("https://shop.example/hooks", "live", true), null);
});
