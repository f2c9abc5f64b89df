"use client";
// The one line that says where the payment is: waiting for it, or seen with N of M confirmations.
import { useTranslations } from "next-intl";
import type { CheckoutStatus } from "./types";

export function StatusLine({ status, waiting }: { status: CheckoutStatus; waiting: boolean }) {
  const t = useTranslations();
  if (status.state === "confirming") {
    const p = status.payment;
    return (
      <p
        className="rounded-lg bg-emerald-50 px-3 py-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        data-testid="status-line"
      >
        {p?.requiredConfirmations
          ? t("detected", { confirmations: p.confirmations ?? 0, required: p.requiredConfirmations })
          : t("detectedNoCount")}
      </p>
    );
  }
  if (!waiting) return null;
  return (
    <p className="text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-line">
      {t("waiting")}
    </p>
  );
}
