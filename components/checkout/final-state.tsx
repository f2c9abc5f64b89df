"use client";
// The end of the road: paid (then back to the merchant), expired (never the success redirect),
// or paid after the deadline, each said plainly.
import { useEffect, useRef, useState } from "react";
import { formatInteger } from "@/lib/i18n/format";
import { useI18n } from "./i18n";
import type { CheckoutStatus } from "./types";

const REDIRECT_SECONDS = 5;

/** The merchant's declared URL with the outcome added; nothing else can be a destination. */
export function returnUrl(redirectUrl: string, outcome: { checkoutId: string; orderId: string; state: string }): string {
  const url = new URL(redirectUrl);
  url.searchParams.set("checkout_id", outcome.checkoutId);
  url.searchParams.set("order_id", outcome.orderId);
  url.searchParams.set("status", outcome.state);
  return url.toString();
}

export function FinalState(props: { status: CheckoutStatus; orderId: string; merchant: string; redirectUrl: string | null; onRestart: (() => void) | null; asset: string | null }) {
  const { status, orderId, merchant, redirectUrl, onRestart, asset } = props;
  const { t, locale } = useI18n();
  const paid = status.state === "paid";
  const target = redirectUrl ? returnUrl(redirectUrl, { checkoutId: status.id, orderId, state: status.state }) : null;
  const [seconds, setSeconds] = useState(REDIRECT_SECONDS);
  // The screen changed under the customer: move focus here so keyboard and screen-reader users
  // continue from the outcome, not from a button that no longer exists.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!paid || !target) return;
    if (seconds <= 0) {
      window.location.assign(target);
      return;
    }
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [paid, target, seconds]);

  const partial = status.payment && status.payment.amountPaid !== "0" ? status.payment.amountPaid : null;
  const [title, body] =
    status.state === "paid"
      ? [t("paidTitle"), t("paidBody", { orderId })]
      : status.state === "paid_late"
        ? [t("paidLateTitle"), t("paidLateBody")]
        : [t("expiredTitle"), partial ? t("expiredPartial", { paid: partial, asset: asset ?? "" }) : t("expiredBody")];
  return (
    <section role="status" aria-live="polite" className="space-y-4 text-center" data-testid="final-state" data-state={status.state}>
      <div aria-hidden="true" className={`mx-auto grid size-16 place-items-center rounded-full text-3xl ${paid || status.state === "paid_late" ? "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300" : "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}>
        {paid || status.state === "paid_late" ? "✓" : "⏱"}
      </div>
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        {title}
      </h2>
      <p className="text-zinc-700 dark:text-zinc-300">{body}</p>
      {status.state === "expired" && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("expiredWatching")}</p>}
      {paid && target && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("redirecting", { merchant, seconds: formatInteger(Math.max(0, seconds), locale) })}</p>}
      <div className="flex flex-col gap-2">
        {paid && target && (
          <a href={target} className="rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]">
            {t("returnNow")}
          </a>
        )}
        {status.state === "expired" && onRestart && (
          <button type="button" onClick={onRestart} className="rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]">
            {t("startAgain")}
          </button>
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
