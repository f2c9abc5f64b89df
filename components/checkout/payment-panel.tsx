"use client";
/**
 * How to pay with the instructions on screen: the wrong-network warning first (before anyone
 * scans), the QR code, the exact amount with its fiat value and the rate, the address or Lightning
 * invoice with copy buttons, and "Open in wallet" where the chain has a URI a wallet understands.
 */
import { useLocale, useTranslations } from "next-intl";
import { QRCodeSVG } from "qrcode.react";
import type { Ref } from "react";
import { paymentTargets } from "@/lib/checkouts/payment-uri";
import { formatFiat } from "@/lib/i18n/format";
import { CopyField } from "./copy-field";
import { optionLabel } from "./labels";
import type { DueAmounts } from "./screen-state";
import type { Payment } from "./types";

/** A Lightning invoice is hundreds of characters no one reads: its start and end are enough to recognise it. */
export const shorten = (invoice: string) =>
  invoice.length > 30 ? `${invoice.slice(0, 14)}…${invoice.slice(-8)}` : invoice;

export function PaymentPanel({
  payment,
  due,
  fiatCurrency,
  networkMatters,
  qrRef,
}: {
  payment: Payment;
  due: DueAmounts;
  fiatCurrency: string;
  networkMatters: boolean;
  qrRef?: Ref<HTMLDivElement>;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const targets = paymentTargets({ ...payment, amount: due.amount });
  const rate = payment.rate;
  const lightning = payment.paymentRequest !== null;
  return (
    <section aria-labelledby="pay-heading" className="space-y-4">
      <h2 id="pay-heading" className="sr-only">
        {optionLabel(payment)}
      </h2>
      {networkMatters && (
        <p
          role="note"
          className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t("networkWarning", { asset: payment.asset, network: payment.networkName })}
        </p>
      )}
      <div className="flex justify-center">
        <div ref={qrRef} className="scroll-mt-4 rounded-xl bg-white p-3 shadow-sm ring-1 ring-zinc-200">
          <QRCodeSVG
            value={targets.qr}
            size={208}
            level="M"
            marginSize={0}
            role="img"
            aria-label={t("qrLabel", { amount: due.amount, asset: payment.asset })}
            data-testid="qr"
            data-qr={targets.qr}
          />
        </div>
      </div>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">{t("scanHint")}</p>
      <CopyField
        label={t("amountToSend")}
        value={due.amount}
        unit={payment.asset}
        copyLabel={t("copyAmount")}
        testId="pay-amount"
      />
      <p className="-mt-2 flex flex-wrap gap-x-3 text-sm text-zinc-600 dark:text-zinc-400">
        <span data-testid="pay-fiat">{t("approxValue", { fiat: formatFiat(due.fiat, fiatCurrency, locale) })}</span>
        {rate && (
          <span dir="ltr" data-testid="pay-rate">
            {t("rate", { asset: payment.asset, fiat: formatFiat(rate, fiatCurrency, locale) })}
          </span>
        )}
      </p>
      {lightning ? (
        <CopyField
          label={t("lightningInvoice")}
          value={payment.paymentRequest!}
          display={shorten(payment.paymentRequest!)}
          copyLabel={t("copyInvoice")}
          testId="pay-invoice"
        />
      ) : (
        <CopyField
          label={t("address")}
          value={payment.address ?? ""}
          copyLabel={t("copyAddress")}
          testId="pay-address"
        />
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
