/**
 * An error from another copy of its module (as Next.js makes for instrumentation.ts and the
 * routes) is still recognised, so a route answers "Bitfinex is busy" (503), not a 500.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { BitfinexError } from "../bitfinex/errors";
import { ApiError } from "./api-error";
import { errorResponse } from "../http/route";

async function secondCopy<T>(relative: string): Promise<T> {
  // A different URL is a different module instance, with its own classes.
  return (await import(`${pathToFileURL(new URL(relative, import.meta.url).pathname).href}?second-copy`)) as T;
}

describe("errors across copies of their module", () => {
  it("a BitfinexError made by another copy is one, and a route answers it with 503 and Retry-After", async () => {
    const other = await secondCopy<typeof import("../bitfinex/errors")>("../bitfinex/errors.ts");
    assert.notEqual(other.BitfinexError, BitfinexError, "the test needs a genuinely separate copy");
    const error = new other.BitfinexError({
      kind: "rate_limited",
      endpoint: "/v2/auth/w/ext/pay/invoice/create",
      retryAfterMs: 12_000,
    });
    assert.ok(error instanceof BitfinexError);
    const res = errorResponse(error);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "12");
    assert.equal((await res.json()).error.code, "upstream_unavailable");
  });

  it("an ApiError made by another copy keeps its status and code", async () => {
    const other = await secondCopy<typeof import("./api-error")>("./api-error.ts");
    assert.notEqual(other.ApiError, ApiError);
    const res = errorResponse(new other.ApiError({ code: "checkout_expired", message: "This checkout has expired." }));
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "checkout_expired");
  });

  it("look-alikes are not taken for them", () => {
    const fake = Object.assign(new Error("x"), { name: "BitfinexError", kind: "rate_limited" });
    assert.ok(!(fake instanceof BitfinexError));
    assert.ok(!((null as unknown as object) instanceof ApiError));
    assert.equal(errorResponse(fake).status, 500);
  });
});
