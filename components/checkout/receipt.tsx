/**
 * What the customer keeps after paying: who was paid, the order, the amount in fiat and in the
 * currency paid, the rate that priced it, and when. A server component; it prints on one page
 * (the banner and buttons are left out of print).
 */
import { getLocale, getTranslations } from "next-intl/server";
import { formatFiat } from "@/lib/i18n/format";
import { INTL_TAGS } from "@/lib/i18n/locales";
import { PrintButton } from "./print-button";
import { rateOf } from "@/lib/checkouts/public-view";
import { assetOf } from "./screen-state";
import type { CheckoutView } from "./types";

export interface ReceiptTransaction {
  txid: string;
  /** A public block explorer's page for it; null in the sandbox, for Lightning, or an internal id. */
  url: string | null;
}

export async function Receipt({
  view,
  merchantName,
  paidAt,
  transactions,
}: {
  view: CheckoutView;
  merchantName: string;
  paidAt: string | null;
  transactions: ReceiptTransaction[];
}) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const p = view.status.payment;
  const asset = p ? assetOf(p.payCurrency) : null;
  const rate = p ? rateOf(view.amount, p.amountDue) : null;
  const time =
    paidAt &&
    `${new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(paidAt))} UTC`;
  const rows: Array<[string, string | null, string]> = [
    [t("receiptMerchant"), merchantName, "receipt-merchant"],
    [t("receiptOrder"), [view.orderId, view.description].filter(Boolean).join(" · "), "receipt-order"],
    [t("receiptAmount"), formatFiat(view.amount, view.currency, locale), "receipt-amount"],
    [t("receiptPaid"), p && asset ? `${p.amountPaid} ${asset}` : null, "receipt-paid"],
    [
      t("receiptRate"),
      rate && asset ? t("rate", { asset, fiat: formatFiat(rate, view.currency, locale) }) : null,
      "receipt-rate",
    ],
    [t("receiptTime"), time, "receipt-time"],
    [t("receiptCheckout"), view.id, "receipt-checkout"],
  ];
  return (
    <section aria-labelledby="receipt-title" className="space-y-4">
      <h1 id="receipt-title" className="text-xl font-semibold">
        {t("receiptTitle")}
      </h1>
      <dl className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {rows
          .filter((r): r is [string, string, string] => r[1] !== null)
          .map(([label, value, testId]) => (
            <div key={testId} className="flex justify-between gap-4 py-2 text-sm">
              <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
              {/* Amounts, ids and the rate read left to right in every language. */}
              <dd
                className="text-end font-medium wrap-anywhere"
                data-testid={testId}
                dir={
                  testId === "receipt-order" || testId === "receipt-merchant" || testId === "receipt-time"
                    ? undefined
                    : "ltr"
                }
              >
                {value}
              </dd>
            </div>
          ))}
        {transactions.map((tx) => (
          <div key={tx.txid} className="flex justify-between gap-4 py-2 text-sm">
            <dt className="text-zinc-600 dark:text-zinc-400">{t("receiptTransaction")}</dt>
            <dd className="text-end font-mono text-xs wrap-anywhere" data-testid="receipt-transaction" dir="ltr">
              {tx.url ? (
                <a href={tx.url} target="_blank" rel="noopener noreferrer" className="underline">
                  {tx.txid}
                </a>
              ) : (
                tx.txid
              )}
            </dd>
          </div>
        ))}
      </dl>
      <PrintButton />
      <a href={`/pay/${view.id}`} className="block text-center text-sm underline print:hidden">
        {t("receiptBack")}
      </a>
    </section>
  );
}
