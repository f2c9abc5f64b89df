"use client";
/**
 * The customer's details form (ECOMMERCE checkouts). Errors are shown beside their fields
 * (aria-invalid, aria-describedby) and focus goes to the first one; the inputs are the browser's
 * own (uncontrolled), so what the customer typed stays whatever happens around them. Never a
 * native submit: it would put the details in a URL.
 */
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { COUNTRY_CODES } from "@/lib/geo/countries";
import { INTL_TAGS } from "@/lib/i18n/locales";
import {
  AUTOCOMPLETE,
  DETAIL_FIELDS,
  MAX,
  OPTIONAL,
  validateDetails,
  type DetailField,
  type DetailProblem,
} from "./details-fields";

export type FieldErrors = Partial<Record<DetailField | "terms", DetailProblem>>;

export function DetailsForm({
  busy,
  serverErrors,
  onSubmit,
}: {
  busy: boolean;
  serverErrors: FieldErrors;
  onSubmit: (info: Record<string, string>) => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const shown: FieldErrors = { ...errors, ...serverErrors };
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([INTL_TAGS[locale]], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      a.name.localeCompare(b.name, INTL_TAGS[locale]),
    );
  }, [locale]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, String(data.get(f) ?? "")])) as Record<
      DetailField,
      string
    >;
    const found = validateDetails(values, data.get("terms") !== null);
    setErrors(Object.fromEntries(found));
    const first = found[0]?.[0];
    if (first) return form.current?.querySelector<HTMLElement>(`#cf-${first}`)?.focus();
    onSubmit(
      Object.fromEntries(
        Object.entries(values)
          .map(([k, v]) => [k, v.trim()])
          .filter(([, v]) => v),
      ),
    );
  }

  const described = (f: DetailField | "terms") =>
    shown[f] ? { "aria-invalid": true, "aria-describedby": `cf-${f}-error` } : {};
  const message = (f: DetailField | "terms") => (
    <p id={`cf-${f}-error`} className="mt-1 text-sm text-red-700 empty:hidden dark:text-red-400">
      {shown[f] ? t(shown[f]) : ""}
    </p>
  );

  return (
    <form ref={form} id="details" noValidate className="space-y-3" aria-labelledby="cf-title" onSubmit={submit}>
      <h2 id="cf-title" className="text-base font-semibold">
        {t("detailsTitle")}
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("detailsIntro")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {DETAIL_FIELDS.map((f) => {
          const common = {
            id: `cf-${f}`,
            name: f,
            required: !OPTIONAL.has(f),
            autoComplete: AUTOCOMPLETE[f],
            className:
              "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900",
            ...described(f),
          };
          return (
            <div key={f}>
              <label htmlFor={`cf-${f}`} className="text-sm font-medium">
                {t(f)}
              </label>
              {f === "nationality" || f === "residCountry" ? (
                <select {...common} defaultValue="">
                  <option value="">{t("chooseCountry")}</option>
                  {countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...common} type={f === "email" ? "email" : "text"} maxLength={MAX[f]} />
              )}
              {message(f)}
            </div>
          );
        })}
      </div>
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input
            id="cf-terms"
            name="terms"
            type="checkbox"
            className="mt-1 accent-[var(--brand)]"
            {...described("terms")}
          />
          <span>{t("acceptTerms")}</span>
        </label>
        {message("terms")}
      </div>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] disabled:opacity-60"
      >
        {t("continue")}
      </button>
    </form>
  );
}
