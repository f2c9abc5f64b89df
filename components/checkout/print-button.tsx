"use client";
// The browser's print dialog, where the receipt can also be saved as a PDF.
import { useTranslations } from "next-intl";

export function PrintButton() {
  const t = useTranslations();
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-semibold text-[var(--brand-text)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)] print:hidden"
    >
      {t("print")}
    </button>
  );
}
