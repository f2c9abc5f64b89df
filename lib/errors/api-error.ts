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

/**
 * Every code an API answer can carry. A union, so a new code is a type error until the payment
 * page's message map (components/checkout/problem-alert.tsx) says what a customer reads for it,
 * and a test fails until docs/api.md lists it.
 */
export const API_ERROR_CODES = [
  // the request itself
  "invalid_json",
  "invalid_query",
  "invalid_header",
  "invalid_field",
  "unsupported_media_type",
  "body_too_large",
  "customer_info_required",
  "amount_out_of_range",
  // who is asking
  "unauthorized",
  "missing_scope",
  "cross_site_request",
  "role_forbidden",
  "second_factor_required",
  "rate_limited",
  // what it is about
  "not_found",
  "link_disabled",
  "link_expired",
  "checkout_expired",
  "currency_unavailable",
  "idempotency_conflict",
  "idempotency_key_reused",
  "not_expirable",
  "no_pay_invoice",
  "restart_not_allowed",
  "secret_from_configuration",
  "webhook_url_missing",
  "mail_not_configured",
  "over_daily_limit",
  "last_owner",
  // refunds and conversion rules
  "nothing_to_refund",
  "not_refundable",
  "refund_in_progress",
  "refund_refused",
  "refund_outcome_unknown",
  "refund_settled",
  "refund_not_seen",
  "claim_unavailable",
  "claim_used",
  "conversion_refused",
  // Bitfinex and us
  "payment_starting",
  "rate_unavailable",
  "upstream_refused",
  "upstream_unavailable",
  "internal_error",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const BRAND = brand("ApiError");

export class ApiError extends Error {
  /** Recognised across copies of this module (see lib/errors/brand.ts). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }

  readonly status: number;
  readonly code: ApiErrorCode;
  /** The input at fault, as a merchant writes it (`customerInfo.email`). */
  readonly field?: string;
  readonly problems: FieldProblem[];
  /** Extra machine-readable facts (e.g. `retryAfterSeconds`, `available`). */
  readonly extra: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    field?: string;
    problems?: FieldProblem[];
    extra?: Record<string, unknown>;
  }) {
    super(init.message);
    BRAND.mark(this);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    if (init.field !== undefined) this.field = init.field;
    this.problems = init.problems ?? [];
    this.extra = init.extra ?? {};
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

export const notFound = (what: string) =>
  new ApiError({ status: 404, code: "not_found", message: `${what} was not found.` });

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
      return {
        field: fieldPath(path) === "body" ? issue.keys[0]! : `${fieldPath(path)}.${issue.keys[0]}`,
        message: "is not a known field",
      };
    }
    if (issue.code === "invalid_type" && /received undefined/.test(message)) message = "is required";
    return { field: fieldPath(path), message };
  });
  const first = problems[0]!;
  return new ApiError({
    status,
    code: status === 400 ? "invalid_query" : "invalid_field",
    message: `${first.field}: ${first.message}`,
    field: first.field,
    problems,
  });
}
