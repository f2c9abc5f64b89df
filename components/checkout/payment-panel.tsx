"use client";
// How to pay in the chosen currency: the exact amount, a QR code, the address or Lightning
// invoice with copy buttons, "Open in wallet", and a warning where the network matters.
import { QRCodeSVG } from "qrcode.react";
import { paymentTargets } from "@/lib/checkouts/payment-uri";
import { formatFiat } from "@/lib/i18n/format";
import { CopyField } from "./copy-field";
import { useI18n } from "./i18n";
import type { Payment, PayOption } from "./types";

export function PaymentPanel({ payment, option, fiat, remaining }: { payment: Payment; option: PayOption | undefined; fiat: { amount: string; currency: string }; remaining: string | null }) {
  const { t, locale } = useI18n();
  const amount = remaining ?? payment.amount;
  const targets = paymentTargets({ ...payment, amount });
  const lightning = payment.paymentRequest !== null;
  return (
    <section aria-labelledby="pay-heading" className="space-y-4">
      <h2 id="pay-heading" className="sr-only">
        {payment.assetName} · {payment.networkName}
      </h2>
      <div className="flex justify-center">
        <div className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-zinc-200">
          <QRCodeSVG value={targets.qr} size={208} level="M" marginSize={0} role="img" aria-label={t("qrLabel", { amount, asset: payment.asset })} data-testid="qr" data-qr={targets.qr} />
        </div>
      </div>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">{t("scanHint")}</p>
      {option?.networkMatters && (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {t("networkWarning", { asset: payment.asset, network: payment.networkName })}
        </p>
      )}
      <CopyField label={t("amountToSend")} value={amount} copyLabel={t("copyAmount")} testId="pay-amount" />
      <p className="-mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {payment.asset} · {t("approxValue", { fiat: formatFiat(fiat.amount, fiat.currency, locale) })}
      </p>
      {lightning ? (
        <CopyField label={t("lightningInvoice")} value={payment.paymentRequest!} copyLabel={t("copyInvoice")} testId="pay-invoice" />
      ) : (
        <CopyField label={t("address")} value={payment.address ?? ""} copyLabel={t("copyAddress")} testId="pay-address" />
      )}
      {targets.walletLink && (
        <a
          href={targets.walletLink}
          className="block w-full rounded-lg bg-[var(--brand)] px-4 py-3 text-center font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]"
        >
          {t("openInWallet")}
        </a>
      )}
    </section>
  );
}
