/** Shown on every page while the app runs against its built-in Bitfinex sandbox, in the visitor's language. */
import { getLocale, getTranslations } from "next-intl/server";
import { direction } from "@/lib/i18n/locales";

export async function SandboxBanner() {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return (
    <div
      role="status"
      lang={locale}
      dir={direction(locale)}
      className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-amber-950 print:hidden"
    >
      {t("sandboxNotice")}
    </div>
  );
}
