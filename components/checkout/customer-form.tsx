"use client";
// The details Bitfinex requires for ECOMMERCE invoices, when the merchant did not send them.
// Checked here for quick feedback and again on the server; countries from ISO 3166 with names in
// the customer's language. Nothing typed here is logged.
import { useMemo, useState } from "react";
import { COUNTRY_CODES } from "@/lib/geo/countries";
import { INTL_TAGS } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { useI18n } from "./i18n";

const FIELDS = ["fullName", "email", "nationality", "residCountry", "residState", "residCity", "residZipCode", "residStreet", "residBuildingNo"] as const;
type Field = (typeof FIELDS)[number];
const OPTIONAL = new Set<Field>(["residState", "residBuildingNo"]);
const MAX: Record<Field, number> = { fullName: 100, email: 254, nationality: 2, residCountry: 2, residState: 100, residCity: 100, residZipCode: 20, residStreet: 200, residBuildingNo: 20 };
const AUTOCOMPLETE: Partial<Record<Field, string>> = { fullName: "name", email: "email", residCountry: "country", residState: "address-level1", residCity: "address-level2", residZipCode: "postal-code", residStreet: "address-line1" };

export function CustomerForm({ onSubmit, busy, serverErrors }: { onSubmit: (info: Record<string, string>) => void; busy: boolean; serverErrors: Partial<Record<string, string>> }) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Record<Field, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>);
  const [terms, setTerms] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field | "terms", string>>>({});
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([INTL_TAGS[locale]], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, INTL_TAGS[locale]));
  }, [locale]);

  function validate(): boolean {
    const next: Partial<Record<Field | "terms", string>> = {};
    for (const f of FIELDS) {
      const v = values[f].trim();
      if (!v && !OPTIONAL.has(f)) next[f] = t("fieldRequired");
      else if (v.length > MAX[f]) next[f] = t("fieldTooLong");
      else if (f === "email" && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) next[f] = t("fieldInvalidEmail");
    }
    if (!terms) next.terms = t("termsRequired");
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) document.getElementById(`cf-${first}`)?.focus();
    return !first;
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!validate()) return;
    const info: Record<string, string> = {};
    for (const f of FIELDS) if (values[f].trim()) info[f] = values[f].trim();
    onSubmit(info);
  }

  const input = (f: Field) => {
    const error = errors[f] ?? serverErrors[`customerInfo.${f}`];
    const common = {
      id: `cf-${f}`,
      name: f,
      value: values[f],
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `cf-${f}-error` : undefined,
      required: !OPTIONAL.has(f),
      className: "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900",
    };
    const change = (v: string) => setValues((old) => ({ ...old, [f]: v }));
    return (
      <div key={f}>
        <label htmlFor={`cf-${f}`} className="text-sm font-medium">
          {t(f as MessageKey)}
        </label>
        {f === "nationality" || f === "residCountry" ? (
          <select {...common} onChange={(e) => change(e.target.value)} autoComplete={AUTOCOMPLETE[f]}>
            <option value="">{t("chooseCountry")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type={f === "email" ? "email" : "text"} maxLength={MAX[f]} autoComplete={AUTOCOMPLETE[f]} onChange={(e) => change(e.target.value)} />
        )}
        {error && (
          <p id={`cf-${f}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="cf-title">
      <h2 id="cf-title" className="text-base font-semibold">
        {t("detailsTitle")}
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("detailsIntro")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">{FIELDS.map(input)}</div>
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input id="cf-terms" type="checkbox" checked={terms} onChange={(e) => setTerms(e.target.checked)} aria-invalid={errors.terms ? true : undefined} aria-describedby={errors.terms ? "cf-terms-error" : undefined} className="mt-1 accent-[var(--brand)]" />
          <span>{t("acceptTerms")}</span>
        </label>
        {errors.terms && (
          <p id="cf-terms-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.terms}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy} className="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] disabled:opacity-60">
        {t("continue")}
      </button>
    </form>
  );
}
