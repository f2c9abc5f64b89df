// The error codes are a closed list: each one is documented for merchants, has one status, and the shape is one.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { API_ERROR_CODES, ApiError, ERROR_CODE_STATUS, fromZodError } from "./api-error";
import { errorBodySchema } from "./error-body";
import { z } from "zod";

const docs = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
const root = new URL("../../", import.meta.url);

/** Every `new ApiError({ … })` in the app's own code (tests left out), with its code and whether it names a status. */
function constructions(): Array<{ file: string; code: string; status: boolean }> {
  const out: Array<{ file: string; code: string; status: boolean }> = [];
  for (const dir of ["lib", "app", "components"])
    for (const file of readdirSync(new URL(dir, root), { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      const text = readFileSync(new URL(`${dir}/${file}`, root), "utf8");
      for (const m of text.matchAll(/new ApiError\(\{([\s\S]*?)\n?\s*\}\)/g)) {
        const code = /code: "(\w+)"/.exec(m[1]!)?.[1];
        if (code) out.push({ file: `${dir}/${file}`, code, status: /\bstatus:/.test(m[1]!) });
      }
    }
  return out;
}

describe("API error codes", () => {
  it("docs/api.md names every code an answer can carry", () => {
    const missing = API_ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``));
    assert.deepEqual(missing, [], `not in docs/api.md: ${missing.join(", ")}`);
  });

  it("every code answers with an HTTP error status, and only listed codes are in the table", () => {
    for (const code of API_ERROR_CODES) {
      const status = ERROR_CODE_STATUS[code];
      assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
    }
    assert.deepEqual(Object.keys(ERROR_CODE_STATUS).sort(), [...API_ERROR_CODES].sort());
  });

  it("docs/api.md lists each code under the status the table gives it", () => {
    const rows = [...docs.matchAll(/^\| (\d{3}) \| ([^|]+) \|/gm)];
    const documented = new Map<string, number>();
    for (const [, status, codes] of rows)
      for (const [, code] of codes!.matchAll(/`([a-z_]+)`/g)) documented.set(code!, Number(status));
    const wrong = API_ERROR_CODES.filter((code) => documented.get(code) !== ERROR_CODE_STATUS[code]).map(
      (code) => `${code}: table ${ERROR_CODE_STATUS[code]}, docs ${documented.get(code)}`,
    );
    assert.deepEqual(wrong, []);
  });

  it("no status is paired with a code by hand, but for the three codes that answer two ways", () => {
    const found = constructions();
    assert.ok(found.length > 50, `only ${found.length} ApiErrors found: is the scan broken?`);
    const byHand = found
      .filter((c) => c.status && !["claim_unavailable", "refund_refused", "upstream_unavailable"].includes(c.code))
      .map((c) => `${c.file}: ${c.code}`);
    assert.deepEqual(byHand, [], "drop `status:` there: ERROR_CODE_STATUS gives it");
  });

  it("an error made from its code answers with the table's status, unless it names the other one", () => {
    assert.equal(new ApiError({ code: "not_found", message: "x" }).status, 404);
    assert.equal(new ApiError({ code: "refund_in_progress", message: "x" }).status, 409);
    assert.equal(new ApiError({ code: "claim_unavailable", message: "x" }).status, 410);
    assert.equal(new ApiError({ code: "claim_unavailable", message: "x", status: 409 }).status, 409);
  });

  it("an error answers with its code, a sentence, the field at fault and every problem", () => {
    const e = new ApiError({
      code: "invalid_field",
      message: "amount: is required",
      field: "amount",
      problems: [{ field: "amount", message: "is required" }],
      extra: { hint: 1 },
    });
    assert.equal(e.status, 422);
    assert.deepEqual(e.toBody(), {
      error: {
        code: "invalid_field",
        message: "amount: is required",
        field: "amount",
        errors: [{ field: "amount", message: "is required" }],
        hint: 1,
      },
    });
    assert.deepEqual(new ApiError({ code: "not_found", message: "Checkout was not found." }).toBody(), {
      error: { code: "not_found", message: "Checkout was not found." },
    });
  });

  it("the bodies errors make are the one documented shape (error-body.ts, the OpenAPI Error)", () => {
    const bodies = [
      new ApiError({ code: "not_found", message: "x" }),
      new ApiError({ code: "upstream_unavailable", message: "x", extra: { retryAfterSeconds: 5, reason: "timeout" } }),
      fromZodError(z.object({ amount: z.string() }).strict().safeParse({ amount: 1, x: 2 }).error!),
    ].map((e) => e.toBody());
    for (const body of bodies) assert.deepEqual(errorBodySchema.parse(body), body);
    assert.throws(() => errorBodySchema.parse({ error: { code: "no_such_code", message: "x" } }));
  });
});
