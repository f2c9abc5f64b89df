/**
 * One error shape for every JSON endpoint:
 *   { "error": { "code": "invalid_field", "message": "amount: must be a decimal string such as \"10.00\"",
 *                "field": "amount", "errors": [{ "field": "amount", "message": "…" }] } }
 * `code` is stable for programs, `message` is a sentence for people, `field` names the input at fault.
 */
import { z } from "zod";
import { brand } from "./brand";

/**
 * One field at fault: `customerInfo.email`, and why. Part of the error body (error-body.ts, which
 * holds the whole shape; this one piece lives here so ApiError can use it without an import cycle).
 */
export const fieldProblemSchema = z.object({ field: z.string(), message: z.string() }).strict();
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

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

/**
 * The HTTP status each code answers with (docs/api.md lists them by status). An error is made from
 * its code and gets its status here, so the two are never paired by hand. Three codes cover two
 * situations and take the other status where they are thrown (`status` in ApiError's init):
 * `claim_unavailable` 409 when approving a claim no customer has answered yet, `refund_refused`
 * 503 when Bitfinex refused for a reason of its own rather than the request, `upstream_unavailable` 502 when the SMTP
 * server refuses the dashboard's test e-mail.
 */
export const ERROR_CODE_STATUS = {
  invalid_json: 400,
  invalid_query: 400,
  invalid_header: 400,
  invalid_field: 422,
  unsupported_media_type: 415,
  body_too_large: 413,
  customer_info_required: 422,
  amount_out_of_range: 422,
  unauthorized: 401,
  missing_scope: 403,
  cross_site_request: 403,
  role_forbidden: 403,
  second_factor_required: 403,
  rate_limited: 429,
  not_found: 404,
  link_disabled: 410,
  link_expired: 410,
  checkout_expired: 409,
  currency_unavailable: 409,
  idempotency_conflict: 409,
  idempotency_key_reused: 422,
  not_expirable: 409,
  no_pay_invoice: 409,
  restart_not_allowed: 409,
  secret_from_configuration: 409,
  webhook_url_missing: 409,
  mail_not_configured: 409,
  over_daily_limit: 422,
  last_owner: 409,
  nothing_to_refund: 409,
  not_refundable: 409,
  refund_in_progress: 409,
  refund_refused: 422,
  refund_outcome_unknown: 502,
  refund_settled: 409,
  refund_not_seen: 409,
  claim_unavailable: 410,
  claim_used: 409,
  conversion_refused: 409,
  payment_starting: 503,
  rate_unavailable: 503,
  upstream_refused: 502,
  upstream_unavailable: 503,
  internal_error: 500,
} as const satisfies Record<ApiErrorCode, number>;

/** The status an error with this code answers with. */
export const statusOf = (code: ApiErrorCode): number => ERROR_CODE_STATUS[code];

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
    code: ApiErrorCode;
    /** Only for the codes ERROR_CODE_STATUS names as covering two situations; else the table's. */
    status?: number;
    message: string;
    field?: string;
    problems?: FieldProblem[];
    extra?: Record<string, unknown>;
  }) {
    super(init.message);
    BRAND.mark(this);
    this.name = "ApiError";
    this.status = init.status ?? statusOf(init.code);
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

export const notFound = (what: string) => new ApiError({ code: "not_found", message: `${what} was not found.` });

/** A field path as a merchant writes it: `customerInfo.email`, `payCurrencies[1]`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "body";
}

/**
 * Turns a zod failure into a 422 naming every field at fault (the first one in `field`); 400
 * `invalid_query` for a query string. The one place a ZodError becomes the API's answer: route
 * handlers just `parse` (lib/http/route.ts turns what they throw into this), code below the
 * routes uses parseInput.
 */
export function fromZodError(error: z.ZodError, prefix?: string, status: 400 | 422 = 422): ApiError {
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
    code: status === 400 ? "invalid_query" : "invalid_field",
    message: `${first.field}: ${first.message}`,
    field: first.field,
    problems,
  });
}

/**
 * `schema.parse(value)`, failing as the API's validation error instead of a ZodError, for code below
 * the routes whose callers (server pages, the plugins' routes, tests) expect an ApiError.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, status: 400 | 422 = 422): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, undefined, status);
  return parsed.data;
}
