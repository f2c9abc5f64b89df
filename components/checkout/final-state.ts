/**
 * The end of the road: paid (then back to the merchant), expired (never the success redirect), or
 * paid after the deadline, each said plainly. The browser moves focus to the heading when this
 * appears, so keyboard and screen-reader users continue from the outcome.
 */
import { formatInteger } from "@/lib/i18n/format";
import { html, safeHref, type Html } from "./html";
import { currentPayment, translator, type ScreenModel } from "./model";

/** The merchant's declared URL with the outcome added; nothing else can be a destination. */
export function returnUrl(redirectUrl: string, outcome: { checkoutId: string; orderId: string; state: string }): string {
  const url = new URL(redirectUrl);
  url.searchParams.set("checkout_id", outcome.checkoutId);
  url.searchParams.set("order_id", outcome.orderId);
  url.searchParams.set("status", outcome.state);
  return url.toString();
}

/** Where the screen sends the customer; never in embed mode, where the merchant's page decides. */
export function returnTarget(m: ScreenModel): string | null {
  const redirect = m.embed ? null : m.view.redirectUrl;
  return redirect ? returnUrl(redirect, { checkoutId: m.status.id, orderId: m.view.orderId, state: m.status.state }) : null;
}

export const redirectText = (m: ScreenModel, seconds: number) => translator(m)("redirecting", { merchant: m.merchant.name, seconds: formatInteger(Math.max(0, seconds), m.locale) });

const BRAND_BUTTON = "rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]";

/** `seconds` is the redirect countdown's first value (the browser's ticker takes over). */
export function renderFinalState(m: ScreenModel, seconds: number | null): Html {
  const t = translator(m);
  const { state } = m.status;
  const paid = state === "paid";
  const good = paid || state === "paid_late";
  const target = returnTarget(m);
  const partial = m.status.payment && m.status.payment.amountPaid !== "0" ? m.status.payment.amountPaid : null;
  const [title, body] = paid
    ? [t("paidTitle"), t("paidBody", { orderId: m.view.orderId })]
    : state === "paid_late"
      ? [t("paidLateTitle"), t("paidLateBody")]
      : [t("expiredTitle"), partial ? t("expiredPartial", { paid: partial, asset: currentPayment(m)?.asset ?? m.view.payment?.asset ?? "" }) : t("expiredBody")];
  const canRestart = state === "expired" && m.canRestart && !m.busy && !partial;
  return html`<section role="status" aria-live="polite" class="space-y-4 text-center" data-testid="final-state" data-state="${state}">
<div aria-hidden="true" class="mx-auto grid size-16 place-items-center rounded-full text-3xl ${good ? "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300" : "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}">${good ? "✓" : "⏱"}</div>
<h2 tabindex="-1" data-final-heading class="text-xl font-semibold outline-none">${title}</h2>
<p class="text-zinc-700 dark:text-zinc-300">${body}</p>
${state === "expired" && html`<p class="text-sm text-zinc-600 dark:text-zinc-400">${t("expiredWatching")}</p>`}
${paid && target && html`<p class="text-sm text-zinc-600 dark:text-zinc-400" data-redirect="${target}">${seconds === null ? "" : redirectText(m, seconds)}</p>`}
<div class="flex flex-col gap-2">
${paid && target && html`<a href="${safeHref(target)}" class="${BRAND_BUTTON}">${t("returnNow")}</a>`}
${canRestart && html`<button type="button" data-action="restart" class="${BRAND_BUTTON}">${t("startAgain")}</button>`}
${!paid && target && html`<a href="${safeHref(target)}" class="rounded-lg border border-zinc-300 px-4 py-3 font-medium dark:border-zinc-600">${t("backToShop")}</a>`}
</div>
</section>`;
}
