"use client";
/**
 * The live part of the payment page: the card under the order summary. It follows the checkout's
 * status (SWR polling), starts a payment when the customer chooses a currency (SWR mutation), asks
 * for the customer's details when Bitfinex needs them, and ends on the outcome. The server renders
 * it first with the same props, so the page works before (and without) JavaScript.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import useSWRMutation from "swr/mutation";
import { CheckoutCallError, fetchView, restartCheckout, startPayment, type PaymentRequest } from "./api";
import { Countdown } from "./countdown";
import { CurrencyPicker } from "./currency-picker";
import type { DetailField } from "./details-fields";
import { DetailsForm, type FieldErrors } from "./details-form";
import { FinalState, returnUrl } from "./final-state";
import { PaymentPanel } from "./payment-panel";
import { ProblemAlert } from "./problem-alert";
import { dueAmounts, paidCurrency, screenMode, shownPayment } from "./screen-state";
import { StatusLine } from "./status-line";
import { TransactionLink } from "./transaction-link";
import type { ApiProblem, CheckoutView } from "./types";
import { useCheckoutStatus } from "./use-checkout-status";
import { useEmbedBridge } from "./use-embed-bridge";

export interface CheckoutCardProps {
  view: CheckoutView;
  merchantName: string;
  /** A link or signed-link checkout that expired unpaid can be started again. */
  canRestart: boolean;
  /** Embed mode (?embed=1): the merchant's page around the frame decides what comes next. */
  embed: { origins: string[]; greenfield?: boolean } | null;
}

const RETRYABLE = new Set([0, 429, 503]);

export function CheckoutCard({ view: initialView, merchantName, canRestart, embed }: CheckoutCardProps) {
  const t = useTranslations();
  const router = useRouter();
  const id = initialView.id;
  const { status, clockOffsetMs } = useCheckoutStatus(id, initialView.status);
  const [view, setView] = useState(initialView);
  const [selected, setSelected] = useState<string | null>(initialView.payment?.payCurrency ?? null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [needsDetails, setNeedsDetails] = useState(false);
  const [detailErrors, setDetailErrors] = useState<FieldErrors>({});
  const [restartProblem, setRestartProblem] = useState<string | null>(null);
  const payment = useSWRMutation(`/api/checkouts/${id}/payment`, startPayment);
  const restart = useSWRMutation(`/api/checkouts/${id}/restart`, restartCheckout);
  // Each choice gets a ticket: an answer for an older choice (the customer changed their mind while
  // it was being prepared) is dropped, and so is its automatic retry.
  const ticket = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout>>(undefined);
  const qr = useRef<HTMLDivElement>(null);
  const chosenByHand = useRef(false);
  useEffect(() => () => clearTimeout(retry.current), []);

  // Follow the money: money that arrived in another currency than the instructions on screen
  // brings that currency's instructions (the server records the currency paid).
  const paid = paidCurrency(status);
  const stale = paid !== null && view.payment?.payCurrency !== paid;
  const { data: paidView } = useSWR(stale ? `/api/checkouts/${id}` : null, fetchView, { revalidateOnFocus: false });
  const current =
    stale && paidView?.payment?.payCurrency === paid ? { ...paidView, redirectUrl: view.redirectUrl } : view;
  // Once a payment is seen, the transaction Bitfinex reported (with an explorer link in live mode):
  // asked for once per state it is seen in, since the status poll carries no transaction ids.
  const seen = ["confirming", "underpaid", "paid", "paid_late"].includes(status.state);
  const { data: seenView } = useSWR(
    seen && current.transactions.length === 0 ? `/api/checkouts/${id}?seen=${status.state}` : null,
    fetchView,
    { revalidateOnFocus: false },
  );
  const transactionUrl =
    (current.transactions.length ? current.transactions : (seenView?.transactions ?? [])).find((tx) => tx.url)?.url ??
    null;
  const shown = shownPayment(current, status, selected);
  const mode = screenMode(current, status);
  useEmbedBridge(embed, { checkoutId: id, orderId: view.orderId, state: status.state });

  // On a phone the QR is below the fold: bring it into view once the customer's choice is ready.
  useEffect(() => {
    if (shown && chosenByHand.current) qr.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [shown]);

  async function choose(symbol: string, customerInfo?: Record<string, string>) {
    const mine = ++ticket.current;
    clearTimeout(retry.current);
    chosenByHand.current = true;
    setSelected(symbol);
    setProblem(null);
    setDetailErrors({});
    if (view.needsCustomerInfo && !customerInfo) return setNeedsDetails(true);
    // The details form cannot be sent without ticking Bitfinex's terms: details from it mean they were accepted.
    const request: PaymentRequest = { payCurrency: symbol, ...(customerInfo && { customerInfo, tosAccepted: true }) };
    try {
      const next = await payment.trigger(request);
      if (mine !== ticket.current) return;
      // The return URL came with the page; the payment answer only carries it once final.
      setView((v) => ({ ...next, redirectUrl: next.redirectUrl ?? v.redirectUrl }));
      setNeedsDetails(false);
    } catch (e) {
      if (mine !== ticket.current || !(e instanceof CheckoutCallError)) return;
      setProblem(e.problem);
      const fields = (e.problem.errors ?? [])
        .filter((f) => f.field.startsWith("customerInfo."))
        .map((f) => [f.field.slice("customerInfo.".length) as DetailField, "fieldInvalid"] as const);
      setDetailErrors(Object.fromEntries(fields));
      // Bitfinex busy or slow: try again by itself, as the answer suggests.
      if (RETRYABLE.has(e.status)) {
        const wait = Math.min((e.problem.retryAfterSeconds ?? 3) * 1000, 15_000);
        retry.current = setTimeout(() => void choose(symbol, customerInfo), wait);
      }
    }
  }

  async function startAgain() {
    setRestartProblem(null);
    try {
      const next = await restart.trigger();
      router.push(`/pay/${next.id}${embed ? "?embed=1" : ""}`);
    } catch (e) {
      setRestartProblem(
        t(e instanceof CheckoutCallError && e.problem.code === "restart_not_allowed" ? "errorRestart" : "errorGeneric"),
      );
    }
  }

  if (mode.startsWith("final:")) {
    const target =
      embed || !current.redirectUrl
        ? null
        : returnUrl(current.redirectUrl, { checkoutId: id, orderId: view.orderId, state: status.state });
    return (
      <FinalState
        status={status}
        orderId={view.orderId}
        merchantName={merchantName}
        receiptUrl={`/pay/${id}/receipt`}
        transactionUrl={transactionUrl}
        target={target}
        canRestart={canRestart}
        restarting={restart.isMutating}
        onRestart={startAgain}
        restartProblem={restartProblem}
      />
    );
  }
  if (mode === "unpayable") {
    const back =
      embed || !current.redirectUrl
        ? null
        : returnUrl(current.redirectUrl, { checkoutId: id, orderId: view.orderId, state: status.state });
    return (
      <div role="alert" className="space-y-3" data-testid="unpayable">
        <h2 className="font-semibold">{t("unpayableTitle")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t(current.dailyLimitReached ? "dailyLimitBody" : "unpayableBody")}
        </p>
        {back && (
          <a
            href={back}
            className="inline-block rounded-lg border border-zinc-300 px-4 py-2 text-sm font-semibold dark:border-zinc-600"
          >
            {t("backToShop")}
          </a>
        )}
      </div>
    );
  }
  if (mode === "unavailable") {
    return (
      <div role="alert">
        <h2 className="font-semibold">{t("unavailableTitle")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("unavailableBody")}</p>
      </div>
    );
  }

  const confirming = status.state === "confirming";
  const underpaid = status.state === "underpaid";
  const due = shown ? dueAmounts(current, shown, status) : null;
  const option = shown ? current.options.find((o) => o.symbol === shown.payCurrency) : undefined;
  const busy = payment.isMutating && !shown;
  // Field errors on the details form are shown beside their fields, not in the alert.
  const alert = problem && !problem.field?.startsWith("customerInfo") ? problem : null;
  return (
    <>
      {!confirming && (
        <Countdown expiresAt={status.expiresAt} serverTime={status.serverTime} clockOffsetMs={clockOffsetMs} />
      )}
      {!confirming && !underpaid && (
        <CurrencyPicker options={current.options} selected={selected} onChoose={(s) => void choose(s)} />
      )}
      {alert && <ProblemAlert problem={alert} />}
      {!alert && current.dailyLimitReached && !shown && (
        <p
          role="alert"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
          data-testid="daily-limit"
        >
          {t("errorDailyLimit")}
        </p>
      )}
      {needsDetails && selected && !shown && (
        <DetailsForm
          busy={payment.isMutating}
          serverErrors={detailErrors}
          onSubmit={(info) => void choose(selected, info)}
        />
      )}
      {/* Announced from a container that stays in the page: a live region inserted already filled is often not read. */}
      <div role="status" className="empty:hidden">
        {busy && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("preparing")}</p>}
      </div>
      {!confirming && shown && due && (
        <div>
          {due.partial && (
            <div
              role="alert"
              className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
            >
              <p className="font-semibold">{t("underpaidTitle")}</p>
              <p className="text-sm">
                {t("underpaidBody", { paid: due.partial.paid, remaining: due.partial.remaining, asset: shown.asset })}
              </p>
            </div>
          )}
          <PaymentPanel
            payment={shown}
            due={due}
            fiatCurrency={current.currency}
            networkMatters={option?.networkMatters ?? false}
            qrRef={qr}
          />
        </div>
      )}
      <div role="status" className="empty:hidden">
        <StatusLine status={status} waiting={!!shown} />
      </div>
      {transactionUrl && <TransactionLink url={transactionUrl} />}
    </>
  );
}
