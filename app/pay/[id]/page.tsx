// The customer's payment page, rendered on the server in the customer's language; the
// interactive parts are small client components under components/checkout.
import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { CheckoutScreen } from "@/components/checkout/checkout-screen";
import { I18nProvider } from "@/components/checkout/i18n";
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findCheckout, findInvoices } from "@/lib/checkouts/repository";
import { restartableSource } from "@/lib/checkouts/restart";
import { isId } from "@/lib/ids";
import { direction, LOCALE_COOKIE, negotiateLocale } from "@/lib/i18n/locales";
import { CATALOGS } from "@/lib/i18n/messages";
import { brandingFor, textOn } from "@/lib/merchant/branding";
import { readSettings } from "@/lib/settings/merchant-settings";
import { getServices } from "@/lib/server/services";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { config, deps } = await getServices();
  const brand = brandingFor(await readSettings(deps.db), process.env, config.mode);
  return { title: `Pay ${brand.name}`, robots: { index: false, follow: false } };
}

export default async function PayPage({ params, searchParams }: Props) {
  const { id } = await params;
  // Embed mode, added by /embed.js: the page reports to the merchant's page around its frame.
  const embedMode = (await searchParams).embed === "1";
  if (!isId(id, "co")) notFound();
  const { deps, config } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) notFound();
  const [invoices, rails, cookieJar, headerList, settings] = await Promise.all([findInvoices(deps.db, id), deps.rails.current(), cookies(), headers(), readSettings(deps.db)]);
  const locale = negotiateLocale(cookieJar.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  const brand = brandingFor(settings, process.env, config.mode);
  const view = publicCheckoutView(row, invoices, rails, deps.now());
  // The redirect is only ever the URL the merchant declared; the screen uses it once final.
  const initial = { ...view, redirectUrl: row.redirectUrl };
  const style = { "--brand": brand.color, "--brand-text": textOn(brand.color) } as React.CSSProperties;
  return (
    <div lang={locale} dir={direction(locale)} style={style} className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <I18nProvider locale={locale} messages={CATALOGS[locale]}>
        <CheckoutScreen initial={initial} merchant={{ name: brand.name, logoUrl: brand.logoUrl }} canRestart={restartableSource(row)} embed={embedMode ? { origins: settings.embedOrigins } : null} />
      </I18nProvider>
    </div>
  );
}
