"use client";
// The customer's payment screen: summary, currency picker, customer details when Bitfinex needs
// them, the payment panel, a countdown from the server's clock, live status, and the end states.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatFiat, formatInteger } from "@/lib/i18n/format";
import { restartCheckout, startPayment } from "./api";
import { Countdown } from "./countdown";
import { CurrencyPicker } from "./currency-picker";
import { CustomerForm } from "./customer-form";
import { useEmbedBridge, type EmbedOptions } from "./embed-bridge";
import { FinalState } from "./final-state";
import { useI18n } from "./i18n";
import { LanguageSwitcher } from "./language-switcher";
import { PaymentPanel } from "./payment-panel";
import type { MessageKey } from "@/lib/i18n/messages/en";
import type { ApiProblem, CheckoutView } from "./types";
import { useCheckoutStatus } from "./use-checkout-status";

interface Props {
  initial: CheckoutView;
  merchant: { name: string; logoUrl: string | null };
  canRestart: boolean;
  /** Set in embed mode (?embed=1): the merchant's page around the frame decides what comes next. */
  embed?: EmbedOptions | null;
}

export function CheckoutScreen({ initial, merchant, canRestart, embed = null }: Props) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [selected, setSelected] = useState<string | null>(initial.payment?.payCurrency ?? null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [needsDetails, setNeedsDetails] = useState(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { status, clockOffsetMs } = useCheckoutStatus(view.id, initial.status);
  useEffect(() => () => void (retryTimer.current && clearTimeout(retryTimer.current)), []);
  useEmbedBridge(embed, { checkoutId: view.id, orderId: view.orderId, state: status.state });

  // Each choice gets a ticket; an answer for an older choice (the customer changed their mind
  // while it was being prepared) is dropped.
  const ticket = useRef(0);

  async function pay(symbol: string, customerInfo?: Record<string, string>) {
    const mine = ++ticket.current;
    if (retryTimer.current) clearTimeout(retryTimer.current);
    setSelected(symbol);
    setProblem(null);
    if (view.needsCustomerInfo && !customerInfo) {
      setNeedsDetails(true);
      return;
    }
    setBusy(true);
    const result = await startPayment(view.id, { payCurrency: symbol, ...(customerInfo && { customerInfo }) });
    if (mine !== ticket.current) return;
    setBusy(false);
    if (result.ok) {
      setView(result.value);
      setNeedsDetails(false);
      return;
    }
    setProblem(result.problem);
    // Bitfinex busy or slow: try again by itself, as the answer suggests.
    if (result.status === 503 || result.status === 429 || result.status === 0) {
      const wait = (result.problem.retryAfterSeconds ?? 3) * 1000;
      retryTimer.current = setTimeout(() => pay(symbol, customerInfo), Math.min(wait, 15_000));
    }
  }

  async function restart() {
    setBusy(true);
    const result = await restartCheckout(view.id);
    if (result.ok) router.push(`/pay/${result.value.id}${embed ? "?embed=1" : ""}`);
    else {
      setBusy(false);
      setProblem(result.problem);
    }
  }

  const option = view.options.find((o) => o.symbol === selected);
  const payment = view.payment && view.payment.payCurrency === selected ? view.payment : null;
  const final = status.final || status.state === "expired";
  const confirming = status.state === "confirming";
  const underpaid = status.state === "underpaid";

  return (
    <main className="mx-auto w-full max-w-lg px-4 py-6 sm:py-10">
      <header className="mb-4 flex items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          {merchant.logoUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- the merchant's own logo, any host
            <img src={merchant.logoUrl} alt="" className="size-10 rounded-md object-contain" />
          )}
          <span className="truncate text-lg font-semibold">{merchant.name}</span>
        </div>
        <LanguageSwitcher />
      </header>

      <section aria-labelledby="summary-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 id="summary-heading" className="sr-only">
          {t("pageTitle", { merchant: merchant.name })}
        </h1>
        {view.description && <p className="font-medium">{view.description}</p>}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("order", { orderId: view.orderId })}</p>
        <p className="mt-3 text-3xl font-bold tracking-tight" data-testid="fiat-total">
          <span className="sr-only">{t("total")}: </span>
          {formatFiat(view.amount, view.currency, locale)}
        </p>
      </section>

      <div className="mt-4 space-y-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        {final ? (
          <FinalState status={status} orderId={view.orderId} merchant={merchant.name} redirectUrl={embed ? null : (view.redirectUrl ?? initial.redirectUrl)} onRestart={canRestart && !busy && (status.payment?.amountPaid ?? "0") === "0" ? restart : null} asset={payment?.asset ?? null} />
        ) : view.unavailable ? (
          <div role="alert">
            <h2 className="font-semibold">{t("unavailableTitle")}</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("unavailableBody")}</p>
          </div>
        ) : (
          <>
            {!confirming && <Countdown expiresAt={status.expiresAt} clockOffsetMs={clockOffsetMs} />}
            {!confirming && !underpaid && <CurrencyPicker options={view.options} selected={selected} onSelect={(s) => pay(s)} />}
            {problem && <Problem problem={problem} />}
            {needsDetails && selected && !payment && (
              <CustomerForm busy={busy} onSubmit={(info) => pay(selected, info)} serverErrors={Object.fromEntries((problem?.errors ?? []).map((e) => [e.field, t("fieldInvalid")]))} />
            )}
            {busy && !payment && (
              <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                {t("preparing")}
              </p>
            )}
            {confirming ? (
              <p role="status" className="rounded-lg bg-emerald-50 px-3 py-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="status-line">
                {status.payment?.requiredConfirmations
                  ? t("detected", { confirmations: formatInteger(status.payment.confirmations ?? 0, locale), required: formatInteger(status.payment.requiredConfirmations, locale) })
                  : t("detectedNoCount")}
              </p>
            ) : (
              payment && (
                <>
                  {underpaid && status.payment && (
                    <div role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100">
                      <p className="font-semibold">{t("underpaidTitle")}</p>
                      <p className="text-sm">{t("underpaidBody", { paid: status.payment.amountPaid, remaining: status.payment.amountRemaining ?? "", asset: payment.asset })}</p>
                    </div>
                  )}
                  <PaymentPanel payment={payment} option={option} fiat={{ amount: view.amount, currency: view.currency }} remaining={underpaid ? (status.payment?.amountRemaining ?? null) : null} />
                  <p role="status" className="text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-line">
                    {t("waiting")}
                  </p>
                </>
              )
            )}
          </>
        )}
      </div>
      <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">{t("poweredBy")}</p>
    </main>
  );
}

/** Server error codes in the customer's language; Bitfinex's own wording never reaches the page. */
const PROBLEM_TEXT: Partial<Record<string, MessageKey>> = {
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

function Problem({ problem }: { problem: ApiProblem }) {
  const { t } = useI18n();
  // Field errors on the details form are shown beside their fields.
  if (problem.field?.startsWith("customerInfo")) return null;
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
