"use client";
/**
 * The customer's language: remembered in a cookie (read by lib/i18n/request.ts), then the page is
 * loaded again in it. Back from that reload, focus is put back on this menu, where the customer was.
 */
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

const CHANGED = "checkout-language-changed";

/**
 * A flag in sessionStorage, set or taken (read and removed). Storage can be refused (in a frame
 * on a merchant's page with third-party storage blocked): then there is no flag, and that is all.
 */
function flag(op: "set" | "take"): boolean {
  try {
    if (op === "set") sessionStorage.setItem(CHANGED, "1");
    else if (sessionStorage.getItem(CHANGED) === null) return false;
    else sessionStorage.removeItem(CHANGED);
    return true;
  } catch {
    return false;
  }
}

export function LanguageSwitcher() {
  const t = useTranslations();
  const locale = useLocale();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (flag("take")) select.current?.focus();
  }, []);
  return (
    <label className="flex items-center gap-2 text-sm print:hidden">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 fill-none stroke-current stroke-2">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
      </svg>
      <select
        ref={select}
        id="language"
        aria-label={t("language")}
        defaultValue={locale}
        onChange={(e) => {
          flag("set");
          document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(e.target.value)}; path=/; max-age=31536000; samesite=lax`;
          window.location.reload();
        }}
        className="rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-600"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
