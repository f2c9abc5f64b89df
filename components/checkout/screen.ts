/**
 * The payment screen as HTML: header, order summary, and a card whose content depends on the
 * checkout's state. In the active state the card is split into regions (countdown, currency
 * picker, problem, details form, "preparing", payment panel, status line); the browser re-renders
 * a region only when its markup changes, so a focused radio button or a half-typed form is never
 * thrown away by a status poll.
 */
import { formatFiat, formatInteger } from "@/lib/i18n/format";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { renderCountdown } from "./countdown";
import { renderDetailsForm } from "./details-form";
import { renderFinalState } from "./final-state";
import { cx, html, type Html } from "./html";
import { currentPayment, screenMode, translator, type ScreenModel } from "./model";
import { renderPaymentPanel } from "./payment-panel";
import type { ApiProblem } from "./types";

export const REGIONS = ["countdown", "picker", "problem", "details", "busy", "panel", "status"] as const;
export type Region = (typeof REGIONS)[number];

/** Header and summary: they never change while the page is open (a language change reloads it). */
export function renderFrame(m: ScreenModel, card: Html): Html {
  const t = translator(m);
  return html`<main class="mx-auto w-full max-w-lg px-4 py-6 sm:py-10">
<header class="mb-4 flex items-center justify-between gap-3">
<div class="flex min-w-0 items-center gap-3">${m.merchant.logoUrl && html`<img src="${m.merchant.logoUrl}" alt="" class="size-10 rounded-md object-contain">`}<span class="truncate text-lg font-semibold">${m.merchant.name}</span></div>
${renderLanguageSwitcher(m)}
</header>
<section aria-labelledby="summary-heading" class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
<h1 id="summary-heading" class="sr-only">${t("pageTitle", { merchant: m.merchant.name })}</h1>
${m.view.description && html`<p class="font-medium">${m.view.description}</p>`}
<p class="text-sm text-zinc-600 dark:text-zinc-400">${t("order", { orderId: m.view.orderId })}</p>
<p class="mt-3 text-3xl font-bold tracking-tight" data-testid="fiat-total"><span class="sr-only">${t("total")}: </span><span data-fiat>${formatFiat(m.view.amount, m.view.currency, m.locale)}</span></p>
</section>
<div id="card" class="mt-4 flex flex-col gap-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">${card}</div>
<p class="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">${t("poweredBy")}</p>
</main>`;
}

function renderLanguageSwitcher(m: ScreenModel): Html {
  const label = translator(m)("language");
  return html`<label class="flex items-center gap-2 text-sm"><span class="sr-only">${label}</span><svg aria-hidden="true" viewBox="0 0 24 24" class="size-4 fill-none stroke-current stroke-2"><circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/></svg><select id="language" aria-label="${label}" class="rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600">${LOCALES.map((l) => html`<option value="${l}" lang="${l}"${l === m.locale ? html` selected` : ""}>${LOCALE_NAMES[l]}</option>`)}</select></label>`;
}

/** The card's content. `now` is the server's clock for the first paint; the browser passes null and ticks the countdown itself. */
export function renderCard(m: ScreenModel, now: number | null): Html {
  const mode = screenMode(m);
  if (mode.startsWith("final:")) return renderFinalState(m, now === null ? null : REDIRECT_SECONDS);
  if (mode === "unavailable") {
    const t = translator(m);
    return html`<div role="alert"><h2 class="font-semibold">${t("unavailableTitle")}</h2><p class="text-sm text-zinc-600 dark:text-zinc-400">${t("unavailableBody")}</p></div>`;
  }
  // "Preparing…" and the status line are announced from containers that stay in the page, so a
  // screen reader hears each change (a live region inserted already filled is often not read).
  return html`${REGIONS.map((r) => html`<div data-region="${r}"${LIVE.has(r) ? html` role="status"` : ""} class="empty:hidden">${renderRegion(m, r, now)}</div>`)}`;
}

export const REDIRECT_SECONDS = 5;
const LIVE = new Set<Region>(["busy", "status"]);

export function renderRegion(m: ScreenModel, region: Region, now: number | null): Html | "" {
  const t = translator(m);
  const confirming = m.status.state === "confirming";
  const underpaid = m.status.state === "underpaid";
  const payment = currentPayment(m);
  switch (region) {
    case "countdown":
      return confirming ? "" : renderCountdown(m, now);
    case "picker":
      return confirming || underpaid ? "" : renderPicker(m);
    case "problem":
      return m.problem ? renderProblem(m, m.problem) : "";
    case "details":
      return m.needsDetails && m.selected && !payment ? renderDetailsForm(m) : "";
    case "busy":
      return m.busy && !payment ? html`<p class="text-sm text-zinc-600 dark:text-zinc-400">${t("preparing")}</p>` : "";
    case "panel":
      if (confirming || !payment) return "";
      return html`${underpaid && m.status.payment && html`<div role="alert" class="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100"><p class="font-semibold">${t("underpaidTitle")}</p><p class="text-sm">${t("underpaidBody", { paid: m.status.payment.amountPaid, remaining: m.status.payment.amountRemaining ?? "", asset: payment.asset })}</p></div>`}${renderPaymentPanel(m, payment, underpaid ? (m.status.payment?.amountRemaining ?? null) : null)}`;
    case "status": {
      if (confirming) {
        const p = m.status.payment;
        const text = p?.requiredConfirmations ? t("detected", { confirmations: formatInteger(p.confirmations ?? 0, m.locale), required: formatInteger(p.requiredConfirmations, m.locale) }) : t("detectedNoCount");
        return html`<p class="rounded-lg bg-emerald-50 px-3 py-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="status-line">${text}</p>`;
      }
      return payment ? html`<p class="text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-line">${t("waiting")}</p>` : "";
    }
  }
}

/**
 * Every offered currency with its network in words ("USDt · Tron (TRC-20)"). A native radio group:
 * arrow keys move, Space selects, screen readers announce it without extra ARIA. The chosen one is
 * styled from the radio's own :checked state, so choosing never re-renders (and never moves focus).
 */
function renderPicker(m: ScreenModel): Html {
  const t = translator(m);
  return html`<fieldset class="space-y-2"><legend class="mb-2 text-sm font-semibold">${t("chooseCurrency")}</legend><div class="grid grid-cols-1 gap-2 sm:grid-cols-2">${m.view.options.map(
    (o) =>
      html`<label class="${cx("flex items-center gap-3 rounded-lg border border-zinc-300 px-3 py-2.5 dark:border-zinc-700 has-[:checked]:border-[var(--brand)] has-[:checked]:bg-[color-mix(in_srgb,var(--brand)_10%,transparent)] has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[var(--brand)]", o.available ? "cursor-pointer" : "cursor-not-allowed opacity-60")}"><input type="radio" name="payCurrency" value="${o.symbol}" class="accent-[var(--brand)]"${o.symbol === m.initialSelected ? html` checked` : ""}${o.available ? "" : html` disabled`}><span class="min-w-0"><span class="block font-medium">${o.assetName} · ${o.networkName}</span>${!o.available && html`<span class="block text-xs text-zinc-600 dark:text-zinc-400">${t("unavailableOption")}</span>`}</span></label>`,
  )}</div></fieldset>`;
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

function renderProblem(m: ScreenModel, problem: ApiProblem): Html | "" {
  // Field errors on the details form are shown beside their fields.
  if (problem.field?.startsWith("customerInfo")) return "";
  const key = PROBLEM_TEXT[problem.code] ?? "errorGeneric";
  // Waiting on Bitfinex is not the customer's fault and fixes itself: amber, not red.
  const passing = key === "retrying" || key === "rateLimited";
  const tone = passing ? "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return html`<p role="alert" class="rounded-lg px-3 py-2 text-sm ${tone}" data-testid="problem" data-code="${problem.code}">${translator(m)(key)}</p>`;
}
