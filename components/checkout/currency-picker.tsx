"use client";
// Every offered currency with its network in words ("USDt · Tron (TRC-20)"). A native radio
// group: arrow keys move, Space selects, and screen readers announce it without extra ARIA. It is
// never disabled while a payment is prepared: that would throw keyboard focus back to the page.
import { useI18n } from "./i18n";
import type { PayOption } from "./types";

export function CurrencyPicker({ options, selected, onSelect }: { options: PayOption[]; selected: string | null; onSelect: (symbol: string) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-semibold">{t("chooseCurrency")}</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label
            key={o.symbol}
            className={`flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[var(--brand)] ${
              selected === o.symbol ? "border-[var(--brand)] bg-[color-mix(in_srgb,var(--brand)_10%,transparent)]" : "border-zinc-300 dark:border-zinc-700"
            } ${o.available ? "" : "cursor-not-allowed opacity-60"}`}
          >
            <input type="radio" name="payCurrency" value={o.symbol} checked={selected === o.symbol} disabled={!o.available} onChange={() => onSelect(o.symbol)} className="accent-[var(--brand)]" />
            <span className="min-w-0">
              <span className="block font-medium">
                {o.assetName} · {o.networkName}
              </span>
              {!o.available && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t("unavailableOption")}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
