// What a customer is told when Bitfinex trouble reaches a route: a 503 with a retry hint as long
// as the pause really lasts (a 429's Retry-After), never Bitfinex's own words.
import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { log } from "../observability/log";
import { BitfinexError, classifyErrorAnswer } from "../bitfinex/errors";
import { z } from "zod";
import { errorResponse, jsonResponse, route } from "./route";

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

describe("a handler that just parses its input", () => {
  const schema = z
    .object({ url: z.string().max(5, "must be at most 5 characters"), customerInfo: z.object({ email: z.email() }) })
    .strict();
  const handler = route(async (request) => {
    const input = schema.parse(await request.json());
    return jsonResponse(input);
  });
  const post = (body: unknown) =>
    handler(new Request("http://x/api", { method: "POST", body: JSON.stringify(body) }), undefined);

  it("answers a ZodError with the 422 naming every field at fault, the first in `field`", async () => {
    const res = await post({ url: "https://far.too.long", customerInfo: { email: "no" }, extra: 1 });
    assert.equal(res.status, 422);
    assert.ok(res.headers.get("x-request-id"));
    assert.deepEqual(await res.json(), {
      error: {
        code: "invalid_field",
        message: "url: must be at most 5 characters",
        field: "url",
        errors: [
          { field: "url", message: "must be at most 5 characters" },
          { field: "customerInfo.email", message: "Invalid email address" },
          { field: "extra", message: "is not a known field" },
        ],
      },
    });
  });

  it("a missing field is named as required", async () => {
    const res = await post({ customerInfo: { email: "a@b.example" } });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).error.errors, [{ field: "url", message: "is required" }]);
  });

  it("a valid body reaches the handler", async () => {
    const res = await post({ url: "a", customerInfo: { email: "a@b.example" } });
    assert.equal(res.status, 200);
  });
});
