"use client";
// Server error codes in the customer's language; Bitfinex's own wording never reaches the page.
import { useTranslations } from "next-intl";
import type { Messages } from "@/lib/i18n/messages";
import type { ApiProblem } from "./types";

const PROBLEM_TEXT: Partial<Record<string, keyof Messages>> = {
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
};

export function ProblemAlert({ problem }: { problem: ApiProblem }) {
  const t = useTranslations();
  const key = PROBLEM_TEXT[problem.code] ?? "errorGeneric";
  // Waiting on Bitfinex is not the customer's fault and fixes itself: amber, not red.
  const passing = key === "retrying" || key === "rateLimited";
  const tone = passing ? "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <p role="alert" className={`rounded-lg px-3 py-2 text-sm ${tone}`} data-testid="problem" data-code={problem.code}>
      {t(key)}
    </p>
  );
}
