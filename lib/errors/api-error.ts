/**
 * One error shape for every JSON endpoint:
 *   { "error": { "code": "invalid_field", "message": "amount: must be a decimal string such as \"10.00\"",
 *                "field": "amount", "errors": [{ "field": "amount", "message": "…" }] } }
 * `code` is stable for programs, `message` is a sentence for people, `field` names the input at fault.
 */
import type { z } from "zod";
import { brand } from "./brand";

export interface FieldProblem {
  field: string;
  message: string;
}

const BRAND = brand("ApiError");

export class ApiError extends Error {
  /** Recognised across copies of this module (see lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly problems: FieldProblem[] = [],
    /** Extra machine-readable facts (e.g. `retryAfterSeconds`, `available`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    BRAND.mark(this);
    this.name = "ApiError";
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined && { field: this.field }),
        ...(this.problems.length > 0 && { errors: this.problems }),
        ...this.extra,
      },
    };
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found.`);

/** A field path as a merchant writes it: `customerInfo.email`, `payCurrencies[1]`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "body";
}

/** Turns a zod failure into a 422 naming every field at fault (the first one in `field`). */
export function fromZodError(error: z.ZodError, prefix?: string, status = 422): ApiError {
  const problems = error.issues.map((issue) => {
    const path = prefix ? [prefix, ...issue.path] : issue.path;
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      return { field: fieldPath(path) === "body" ? issue.keys[0]! : `${fieldPath(path)}.${issue.keys[0]}`, message: "is not a known field" };
    }
    if (issue.code === "invalid_type" && /received undefined/.test(message)) message = "is required";
    return { field: fieldPath(path), message };
  });
  const first = problems[0]!;
  return new ApiError(status, status === 400 ? "invalid_query" : "invalid_field", `${first.field}: ${first.message}`, first.field, problems);
}
