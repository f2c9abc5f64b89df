/**
 * What around the card never changes while the payment page is open (a language change reloads
 * it): the merchant's name and logo, the order and its total, in the customer's language and
 * direction, with the merchant's colour. A server component: none of it is sent as script but the
 * language menu, and the one catalog the client leaves below it speak from.
 */
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { CSSProperties, ReactNode } from "react";
import { formatFiat } from "@/lib/i18n/format";
import { direction } from "@/lib/i18n/locales";
import { LanguageSwitcher } from "./language-switcher";
import type { Merchant } from "./types";

export async function PayFrame({
  merchant,
  brand,
  order,
  children,
}: {
  merchant: Merchant;
  brand: { color: string; text: string };
  order?: { description: string | null; orderId: string; amount: string; currency: string };
  children: ReactNode;
}) {
  const t = await getTranslations();
  const locale = await getLocale();
  const style = { "--brand": brand.color, "--brand-text": brand.text } as CSSProperties;
  return (
    <NextIntlClientProvider messages={await getMessages()}>
      <div
        lang={locale}
        dir={direction(locale)}
        style={style}
        className="min-h-screen bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <main className="mx-auto w-full max-w-lg px-4 py-6 sm:py-10">
          <header className="mb-4 flex items-center justify-between gap-3">
            <div className="flex min-w-0 items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- the merchant's logo may be on their own host, at any size */}
              {merchant.logoUrl && <img src={merchant.logoUrl} alt="" className="size-10 rounded-md object-contain" />}
              <span className="truncate text-lg font-semibold">{merchant.name}</span>
            </div>
            <LanguageSwitcher />
          </header>
          {order && (
            <section
              aria-labelledby="summary-heading"
              className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <h1 id="summary-heading" className="sr-only">
                {t("pageTitle", { merchant: merchant.name })}
              </h1>
              {order.description && <p className="font-medium">{order.description}</p>}
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("order", { orderId: order.orderId })}</p>
              <p className="mt-3 text-3xl font-bold tracking-tight" data-testid="fiat-total">
                <span className="sr-only">{t("total")}: </span>
                {formatFiat(order.amount, order.currency, locale)}
              </p>
            </section>
          )}
          <div className="mt-4 flex flex-col gap-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
            {children}
          </div>
          <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">{t("poweredBy")}</p>
        </main>
      </div>
    </NextIntlClientProvider>
  );
}
