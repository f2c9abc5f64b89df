"use client";
// Server error codes in the customer's language; Bitfinex's own wording never reaches the page.
import { useTranslations } from "next-intl";
import type { ApiErrorCode } from "@/lib/errors/api-error";
import type { Messages } from "@/lib/i18n/messages";
import type { ApiProblem } from "./types";

/**
 * What a customer reads for each code the server can answer (every code: a new one is a type
 * error here until someone decides), and for "network" (the browser could not reach us). null:
 * the generic sentence, for codes a customer's page never causes or cannot act on.
 */
const PROBLEM_TEXT: Record<ApiErrorCode | "network", keyof Messages | null> = {
  upstream_unavailable: "retrying",
  payment_starting: "retrying",
  rate_unavailable: "retrying",
  network: "retrying",
  rate_limited: "rateLimited",
  currency_unavailable: "errorCurrencyUnavailable",
  amount_out_of_range: "errorAmountOutOfRange",
  upstream_refused: "errorRefused",
  checkout_expired: "errorExpired",
  restart_not_allowed: "errorRestart",
  invalid_field: null,
  customer_info_required: null,
  invalid_json: null,
  invalid_query: null,
  invalid_header: null,
  unsupported_media_type: null,
  body_too_large: null,
  unauthorized: null,
  missing_scope: null,
  cross_site_request: null,
  role_forbidden: null,
  second_factor_required: null,
  last_owner: null,
  not_found: null,
  // Only "Start again" answers these to the payment page: the link it came from is off or past its exp.
  link_disabled: "errorRestart",
  link_expired: "errorRestart",
  idempotency_conflict: null,
  idempotency_key_reused: null,
  not_expirable: null,
  no_pay_invoice: null,
  secret_from_configuration: null,
  webhook_url_missing: null,
  mail_not_configured: null,
  over_daily_limit: "errorDailyLimit",
  nothing_to_refund: null,
  not_refundable: null,
  refund_in_progress: null,
  refund_refused: null,
  refund_outcome_unknown: null,
  refund_settled: null,
  refund_not_seen: null,
  // The refund-claim page says these in its own words (app/refund/[token]).
  claim_unavailable: null,
  claim_used: null,
  conversion_refused: null,
  internal_error: null,
};

export function ProblemAlert({ problem }: { problem: ApiProblem }) {
  const t = useTranslations();
  const key = PROBLEM_TEXT[problem.code as ApiErrorCode | "network"] ?? "errorGeneric";
  // Waiting on Bitfinex is not the customer's fault and fixes itself: amber, not red.
  const passing = key === "retrying" || key === "rateLimited";
  const tone = passing
    ? "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <p role="alert" className={`rounded-lg px-3 py-2 text-sm ${tone}`} data-testid="problem" data-code={problem.code}>
      {t(key)}
    </p>
  );
}
