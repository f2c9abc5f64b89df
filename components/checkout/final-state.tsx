"use client";
/**
 * The end of the road: paid (then back to the merchant after a few seconds), expired (never the
 * success redirect), or paid after the deadline, each said plainly. The heading takes focus when
 * this appears, so keyboard and screen-reader users continue from the outcome.
 */
import { TransactionLink } from "./transaction-link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { assetOf } from "./screen-state";
import type { CheckoutStatus } from "./types";
import { isSettled } from "@/lib/checkouts/state-machine";

export const REDIRECT_SECONDS = 5;

/** The merchant's declared URL with the outcome added; nothing else can be a destination. */
export function returnUrl(
  redirectUrl: string,
  outcome: { checkoutId: string; orderId: string; state: string },
): string {
  const url = new URL(redirectUrl);
  url.searchParams.set("checkout_id", outcome.checkoutId);
  url.searchParams.set("order_id", outcome.orderId);
  url.searchParams.set("status", outcome.state);
  return url.toString();
}

const BRAND_BUTTON =
  "rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]";

export function FinalState({
  status,
  orderId,
  merchantName,
  receiptUrl,
  transactionUrl,
  target,
  canRestart,
  restarting,
  onRestart,
  restartProblem,
}: {
  status: CheckoutStatus;
  orderId: string;
  merchantName: string;
  /** The printable receipt, once paid. */
  receiptUrl: string;
  /** The payment on a public block explorer (live on-chain payments only). */
  transactionUrl: string | null;
  /** Where "Return now" goes; null in embed mode (the merchant's page decides) or without a return URL. */
  target: string | null;
  canRestart: boolean;
  restarting: boolean;
  onRestart: () => void;
  restartProblem: string | null;
}) {
  const t = useTranslations();
  const heading = useRef<HTMLHeadingElement>(null);
  const { state } = status;
  const paid = state === "paid";
  const good = isSettled(state);
  const partial = status.payment && status.payment.amountPaid !== "0" ? status.payment : null;
  const [seconds, setSeconds] = useState(REDIRECT_SECONDS);

  useEffect(() => heading.current?.focus(), [state]);
  useEffect(() => {
    if (!paid || !target) return;
    const leaveAt = Date.now() + REDIRECT_SECONDS * 1000;
    const timer = setInterval(() => {
      const left = Math.ceil((leaveAt - Date.now()) / 1000);
      setSeconds(Math.max(0, left));
      if (left <= 0) {
        clearInterval(timer);
        window.location.assign(target);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [paid, target]);

  const [title, body] = paid
    ? [t("paidTitle"), t("paidBody", { orderId })]
    : state === "paid_late"
      ? [t("paidLateTitle"), t("paidLateBody")]
      : [
          t("expiredTitle"),
          partial
            ? t("expiredPartial", { paid: partial.amountPaid, asset: assetOf(partial.payCurrency) })
            : t("expiredBody"),
        ];
  return (
    <section
      role="status"
      aria-live="polite"
      className="space-y-4 text-center"
      data-testid="final-state"
      data-state={state}
    >
      <div
        aria-hidden="true"
        className={`mx-auto grid size-16 place-items-center rounded-full text-3xl ${good ? "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300" : "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}
      >
        {good ? "✓" : "⏱"}
      </div>
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        {title}
      </h2>
      <p className="text-zinc-700 dark:text-zinc-300">{body}</p>
      {state === "expired" && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("expiredWatching")}</p>}
      {good && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("closePage")}</p>}
      {transactionUrl && <TransactionLink url={transactionUrl} />}
      {paid && target && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t("redirecting", { merchant: merchantName, seconds })}
        </p>
      )}
      <div className="flex flex-col gap-2">
        {paid && target && (
          <a href={target} className={BRAND_BUTTON}>
            {t("returnNow")}
          </a>
        )}
        {good && (
          <a
            href={receiptUrl}
            target="_blank"
            rel="noopener"
            className="rounded-lg border border-zinc-300 px-4 py-3 font-medium dark:border-zinc-600"
          >
            {t("viewReceipt")}
          </a>
        )}
        {state === "expired" && canRestart && !partial && (
          <button type="button" onClick={onRestart} disabled={restarting} className={BRAND_BUTTON}>
            {t("startAgain")}
          </button>
        )}
        {restartProblem && (
          <p role="alert" className="text-sm">
            {restartProblem}
          </p>
        )}
        {!paid && target && (
          <a href={target} className="rounded-lg border border-zinc-300 px-4 py-3 font-medium dark:border-zinc-600">
            {t("backToShop")}
          </a>
        )}
      </div>
    </section>
  );
}
