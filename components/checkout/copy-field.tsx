"use client";
// A value the customer must get exactly right (amount, address, invoice), with a copy button and
// "Copied" feedback that a screen reader announces.
import { useState } from "react";
import { useI18n } from "./i18n";

export function CopyField({ label, value, copyLabel, mono = true, testId }: { label: string; value: string; copyLabel: string; mono?: boolean; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Older browsers or denied permission: select the text so the customer can copy it by hand.
      const range = document.createRange();
      const node = document.querySelector(`[data-copy-value="${CSS.escape(value)}"]`);
      if (node) {
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div>
      <div className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="mt-1 flex items-start gap-2">
        <output data-copy-value={value} data-testid={testId} dir="ltr" className={`min-w-0 flex-1 break-all rounded-md bg-zinc-100 px-2 py-1.5 text-sm dark:bg-zinc-800 ${mono ? "font-mono" : ""}`}>
          {value}
        </output>
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)] dark:border-zinc-600 dark:hover:bg-zinc-800"
        >
          {copied ? t("copied") : copyLabel}
        </button>
      </div>
      <span className="sr-only" role="status" aria-live="polite">
        {copied ? t("copied") : ""}
      </span>
    </div>
  );
}
