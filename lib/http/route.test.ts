// What a customer is told when Bitfinex trouble reaches a route: a 503 with a retry hint as long
// as the pause really lasts (a 429's Retry-After), never Bitfinex's own words.
import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { log } from "../observability/log";
import { BitfinexError, classifyErrorAnswer } from "../bitfinex/errors";
import { errorResponse } from "./route";

const quiet = <T>(f: () => T): T => {
  const warn = mock.method(log(), "warn", () => {});
  try {
    return f();
  } finally {
    warn.mock.restore();
  }
};

describe("errorResponse for Bitfinex errors", () => {
  it("rate-limited with Retry-After: 2 asks the page to retry in 2 s", async () => {
    const res = quiet(() =>
      errorResponse(
        classifyErrorAnswer("/v2/auth/w/ext/pay/invoice/create", 429, ["error", 11010, "ratelimit: error"], "2"),
      ),
    );
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "2");
    const body = await res.json();
    assert.equal(body.error.code, "upstream_unavailable");
    assert.equal(body.error.retryAfterSeconds, 2);
    assert.doesNotMatch(JSON.stringify(body), /ratelimit|11010/);
  });

  it("rate-limited without a header: 60 s, Bitfinex's block", async () => {
    const res = quiet(() =>
      errorResponse(
        classifyErrorAnswer("/v2/auth/w/ext/pay/invoice/create", 429, ["error", 11010, "ratelimit: error"]),
      ),
    );
    assert.equal(res.headers.get("retry-after"), "60");
  });

  it("other passing faults: 5 s", async () => {
    const res = quiet(() => errorResponse(new BitfinexError({ kind: "timeout", endpoint: "/v2/x" })));
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "5");
  });
});
