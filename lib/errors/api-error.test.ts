// The error codes are a closed list: each one is documented for merchants, and the shape is one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { API_ERROR_CODES, ApiError } from "./api-error";

describe("API error codes", () => {
  it("docs/api.md names every code an answer can carry", () => {
    const docs = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
    const missing = API_ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``));
    assert.deepEqual(missing, [], `not in docs/api.md: ${missing.join(", ")}`);
  });

  it("an error answers with its code, a sentence, the field at fault and every problem", () => {
    const e = new ApiError({
      status: 422,
      code: "invalid_field",
      message: "amount: is required",
      field: "amount",
      problems: [{ field: "amount", message: "is required" }],
      extra: { hint: 1 },
    });
    assert.deepEqual(e.toBody(), {
      error: {
        code: "invalid_field",
        message: "amount: is required",
        field: "amount",
        errors: [{ field: "amount", message: "is required" }],
        hint: 1,
      },
    });
    assert.deepEqual(new ApiError({ status: 404, code: "not_found", message: "Checkout was not found." }).toBody(), {
      error: { code: "not_found", message: "Checkout was not found." },
    });
  });
});
