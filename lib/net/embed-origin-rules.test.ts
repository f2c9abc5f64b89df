import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embedOriginProblem } from "./embed-origin-rules";

describe("embed origins (CSP frame-ancestors)", () => {
  it("accepts https plus a host name or an IP literal, with an optional port", () => {
    for (const o of [
      "https://shop.example",
      "https://www.shop.example:8443",
      "https://203.0.113.9",
      "https://[2001:db8::1]",
      "https://xn--bcher-kva.example/",
    ])
      assert.equal(embedOriginProblem(o, "live"), null, o);
  });

  it("refuses a wildcard, a ; and anything that would widen or break the directive, saying why", () => {
    assert.match(embedOriginProblem("*", "live")!, /wildcard/);
    assert.match(embedOriginProblem("https://*.shop.example", "live")!, /wildcard/);
    assert.match(embedOriginProblem("https://*", "sandbox")!, /wildcard/);
    assert.match(embedOriginProblem("https://shop.example;script-src", "live")!, /;/);
    assert.match(embedOriginProblem("https://shop.example; default-src *", "live")!, /wildcard|;/);
    assert.match(embedOriginProblem("https://a.example https://b.example", "live")!, /spaces/);
    assert.match(embedOriginProblem("https://shop.example,https://b.example", "live")!, /,/);
    for (const o of [
      "https:",
      "'self'",
      "data:",
      "https://shop.example/path",
      "https://user@shop.example",
      "https://shop_example.com",
      "https://-bad.example",
      "https://999.1.1.1",
      "https://[zz::1]",
      "https://shop.example:0",
      "https://shop.example:70000",
      "javascript://shop.example",
    ])
      assert.ok(embedOriginProblem(o, "live"), o);
  });

  it("http only for a loopback host, and only in sandbox mode", () => {
    assert.equal(embedOriginProblem("http://127.0.0.1:3150", "sandbox"), null);
    assert.equal(embedOriginProblem("http://localhost:3000", "sandbox"), null);
    assert.match(embedOriginProblem("http://127.0.0.1:3150", "live")!, /https/);
    assert.match(embedOriginProblem("http://shop.example", "sandbox")!, /https/);
  });
});
