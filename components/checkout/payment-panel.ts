/**
 * How to pay in the chosen currency: the exact amount, a QR code, the address or Lightning
 * invoice with copy buttons, "Open in wallet", and a warning where the network matters.
 */
import { paymentTargets } from "@/lib/checkouts/payment-uri";
import { formatFiat } from "@/lib/i18n/format";
import { html, safeHref, type Html } from "./html";
import { translator, type ScreenModel } from "./model";
import { qrSvg } from "./qr-svg";
import type { Payment } from "./types";

/** `remaining` replaces the amount once part of it has arrived. */
export function renderPaymentPanel(m: ScreenModel, payment: Payment, remaining: string | null): Html {
  const t = translator(m);
  const amount = remaining ?? payment.amount;
  const targets = paymentTargets({ ...payment, amount });
  const option = m.view.options.find((o) => o.symbol === payment.payCurrency);
  const target = payment.paymentRequest !== null ? { label: t("lightningInvoice"), value: payment.paymentRequest, copy: t("copyInvoice"), testId: "pay-invoice" } : { label: t("address"), value: payment.address ?? "", copy: t("copyAddress"), testId: "pay-address" };
  return html`<section aria-labelledby="pay-heading" class="space-y-4">
<h2 id="pay-heading" class="sr-only">${payment.assetName} · ${payment.networkName}</h2>
<div class="flex justify-center"><div class="rounded-xl bg-white p-3 shadow-sm ring-1 ring-zinc-200">${qrSvg(targets.qr, { size: 208, label: t("qrLabel", { amount, asset: payment.asset }), testId: "qr" })}</div></div>
<p class="text-center text-sm text-zinc-600 dark:text-zinc-400">${t("scanHint")}</p>
${option?.networkMatters && html`<p role="note" class="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">${t("networkWarning", { asset: payment.asset, network: payment.networkName })}</p>`}
${renderCopyField(m, { label: t("amountToSend"), value: amount, copy: t("copyAmount"), testId: "pay-amount" })}
<p class="-mt-2 text-sm text-zinc-600 dark:text-zinc-400">${payment.asset} · ${t("approxValue", { fiat: formatFiat(m.view.amount, m.view.currency, m.locale) })}</p>
${renderCopyField(m, target)}
${targets.walletLink && html`<a href="${safeHref(targets.walletLink)}" class="block w-full rounded-lg bg-[var(--brand)] px-4 py-3 text-center font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]">${t("openInWallet")}</a>`}
</section>`;
}

/**
 * A value the customer must get exactly right, with a copy button. The browser handles the click
 * (see browser/copy.ts): "Copied" on the button and in a status region a screen reader announces.
 */
function renderCopyField(m: ScreenModel, f: { label: string; value: string; copy: string; testId: string }): Html {
  return html`<div data-copy-field>
<div class="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">${f.label}</div>
<div class="mt-1 flex items-start gap-2"><output data-copy-value data-testid="${f.testId}" dir="ltr" class="min-w-0 flex-1 break-all rounded-md bg-zinc-100 px-2 py-1.5 font-mono text-sm dark:bg-zinc-800">${f.value}</output><button type="button" data-action="copy" data-label="${f.copy}" data-copied="${translator(m)("copied")}" class="shrink-0 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)] dark:border-zinc-600 dark:hover:bg-zinc-800">${f.copy}</button></div>
<span class="sr-only" role="status" aria-live="polite"></span>
</div>`;
}
