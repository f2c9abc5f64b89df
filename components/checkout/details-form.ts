/**
 * The details Bitfinex requires for ECOMMERCE invoices, when the merchant did not send them.
 * Checked in the browser for quick feedback (validateDetails) and again on the server; countries
 * from ISO 3166 with names in the customer's language. Nothing typed here is logged. The form is
 * rendered once; errors are shown beside their fields by browser/details.ts, so typed values stay.
 */
import { COUNTRY_CODES } from "@/lib/geo/countries";
import { INTL_TAGS } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { html, type Html } from "./html";
import { translator, type ScreenModel, type Translate } from "./model";

export const DETAIL_FIELDS = ["fullName", "email", "nationality", "residCountry", "residState", "residCity", "residZipCode", "residStreet", "residBuildingNo"] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
const OPTIONAL = new Set<DetailField>(["residState", "residBuildingNo"]);
const MAX: Record<DetailField, number> = { fullName: 100, email: 254, nationality: 2, residCountry: 2, residState: 100, residCity: 100, residZipCode: 20, residStreet: 200, residBuildingNo: 20 };
const AUTOCOMPLETE: Partial<Record<DetailField, string>> = { fullName: "name", email: "email", residCountry: "country", residState: "address-level1", residCity: "address-level2", residZipCode: "postal-code", residStreet: "address-line1" };

/** Field (or "terms") → message, in form order; empty when all is well. */
export function validateDetails(values: Record<DetailField, string>, terms: boolean, t: Translate): Array<[DetailField | "terms", string]> {
  const errors: Array<[DetailField | "terms", string]> = [];
  for (const f of DETAIL_FIELDS) {
    const v = values[f].trim();
    if (!v && !OPTIONAL.has(f)) errors.push([f, t("fieldRequired")]);
    else if (v.length > MAX[f]) errors.push([f, t("fieldTooLong")]);
    else if (f === "email" && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) errors.push([f, t("fieldInvalidEmail")]);
  }
  if (!terms) errors.push(["terms", t("termsRequired")]);
  return errors;
}

export function renderDetailsForm(m: ScreenModel): Html {
  const t = translator(m);
  const names = new Intl.DisplayNames([INTL_TAGS[m.locale]], { type: "region" });
  const countries = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, INTL_TAGS[m.locale]));
  const field = (f: DetailField) => {
    const common = html`id="cf-${f}" name="${f}"${OPTIONAL.has(f) ? "" : html` required`}${AUTOCOMPLETE[f] ? html` autocomplete="${AUTOCOMPLETE[f]!}"` : ""} class="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"`;
    const control =
      f === "nationality" || f === "residCountry"
        ? html`<select ${common}><option value="">${t("chooseCountry")}</option>${countries.map((c) => html`<option value="${c.code}">${c.name}</option>`)}</select>`
        : html`<input ${common} type="${f === "email" ? "email" : "text"}" maxlength="${MAX[f]}">`;
    return html`<div><label for="cf-${f}" class="text-sm font-medium">${t(f as MessageKey)}</label>${control}<p id="cf-${f}-error" class="mt-1 text-sm text-red-700 empty:hidden dark:text-red-400"></p></div>`;
  };
  return html`<form id="details" novalidate class="space-y-3" aria-labelledby="cf-title">
<h2 id="cf-title" class="text-base font-semibold">${t("detailsTitle")}</h2>
<p class="text-sm text-zinc-600 dark:text-zinc-400">${t("detailsIntro")}</p>
<div class="grid grid-cols-1 gap-3 sm:grid-cols-2">${DETAIL_FIELDS.map(field)}</div>
<div><label class="flex items-start gap-2 text-sm"><input id="cf-terms" name="terms" type="checkbox" class="mt-1 accent-[var(--brand)]"><span>${t("acceptTerms")}</span></label><p id="cf-terms-error" class="mt-1 text-sm text-red-700 empty:hidden dark:text-red-400"></p></div>
<button type="submit" class="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] disabled:opacity-60">${t("continue")}</button>
</form>`;
}
