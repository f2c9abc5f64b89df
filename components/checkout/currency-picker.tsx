"use client";
/**
 * Every offered currency with its network in words. A native radio group: arrow keys move, Space
 * selects, screen readers announce it without extra ARIA; the chosen one is styled from the radio's
 * own :checked state. Rendered on the server too, so a started payment's radio is checked without
 * JavaScript.
 */
import { useTranslations } from "next-intl";
import { optionLabel } from "./labels";
import type { PayOption } from "./types";

export function CurrencyPicker({
  options,
  selected,
  onChoose,
}: {
  options: PayOption[];
  selected: string | null;
  onChoose: (symbol: string) => void;
}) {
  const t = useTranslations();
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-semibold">{t("chooseCurrency")}</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label
            key={o.symbol}
            className={`flex items-center gap-3 rounded-lg border border-zinc-300 px-3 py-2.5 has-[:checked]:border-[var(--brand)] has-[:checked]:bg-[color-mix(in_srgb,var(--brand)_10%,transparent)] has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[var(--brand)] dark:border-zinc-700 ${o.available ? "cursor-pointer" : "cursor-not-allowed opacity-60"}`}
          >
            <input
              type="radio"
              name="payCurrency"
              value={o.symbol}
              className="accent-[var(--brand)]"
              checked={o.symbol === selected}
              disabled={!o.available}
              onChange={(e) => e.target.checked && onChoose(o.symbol)}
            />
            <span className="min-w-0">
              <span className="block font-medium">{optionLabel(o)}</span>
              {!o.available && (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t("unavailableOption")}</span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
