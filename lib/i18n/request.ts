/**
 * next-intl's per-request configuration: the customer's language from their explicit choice (the
 * cookie the language menu sets), else Accept-Language, else English. Only the chosen catalog is
 * sent to the browser.
 */
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, negotiateLocale } from "./locales";
import { CATALOGS } from "./messages";

export default getRequestConfig(async () => {
  const [jar, list] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(jar.get(LOCALE_COOKIE)?.value, list.get("accept-language"));
  // Times on the receipt are shown in UTC, said as such, so server and browser render the same text.
  return { locale, messages: CATALOGS[locale], timeZone: "UTC" };
});
