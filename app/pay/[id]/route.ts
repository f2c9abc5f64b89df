/**
 * GET /pay/{id}: the customer's payment page, in the customer's language. A route handler rather
 * than a React page: the HTML is rendered here by components/checkout and brought to life by a
 * small script, without the React runtime (about 140 KB a framework page costs a phone; see
 * docs/BENCHMARKS.md). ?embed=1 (added by /embed.js) reports to the merchant's page around the frame.
 */
import { cookies, headers } from "next/headers";
import { initialModel } from "@/components/checkout/model";
import { renderPayDocument } from "@/components/checkout/page-document";
import { publicCheckoutView } from "@/lib/checkouts/public-view";
import { findCheckout, findInvoices } from "@/lib/checkouts/repository";
import { restartableSource } from "@/lib/checkouts/restart";
import { htmlMessage } from "@/lib/http/html-page";
import { translate } from "@/lib/i18n/format";
import { direction, LOCALE_COOKIE, negotiateLocale } from "@/lib/i18n/locales";
import { CATALOGS } from "@/lib/i18n/messages";
import { isId } from "@/lib/ids";
import { brandingFor, textOn } from "@/lib/merchant/branding";
import { getServices } from "@/lib/server/services";
import { readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [cookieJar, headerList] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(cookieJar.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  const messages = CATALOGS[locale];
  const { deps, config } = await getServices();
  const row = isId(id, "co") ? await findCheckout(deps.db, id) : null;
  if (!row) return htmlMessage(404, translate(messages, "notFoundTitle"), translate(messages, "notFoundBody"), { lang: locale, dir: direction(locale) });

  const [invoices, rails, settings] = await Promise.all([findInvoices(deps.db, id), deps.rails.current(), readSettings(deps.db)]);
  const now = deps.now();
  const brand = brandingFor(settings, process.env, config.mode);
  // The redirect is only ever the URL the merchant declared; the screen uses it once final.
  const view = { ...publicCheckoutView(row, invoices, rails, now), redirectUrl: row.redirectUrl };
  const embed = new URL(request.url).searchParams.get("embed") === "1" ? { origins: settings.embedOrigins } : null;
  const model = initialModel({ view, locale, messages, merchant: { name: brand.name, logoUrl: brand.logoUrl }, canRestart: restartableSource(row), embed });
  const page = renderPayDocument(model, {
    title: `${translate(messages, "pageTitle", { merchant: brand.name })} · Bitfinex Checkout`,
    brand: { color: brand.color, text: textOn(brand.color) },
    sandbox: config.mode === "sandbox",
    now,
  });
  return new Response(page, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
