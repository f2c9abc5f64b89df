"use client";
/**
 * A value the customer must get exactly right (amount, address, invoice), with a copy button:
 * "Copied" on the button and in a status region a screen reader announces, for two seconds. Where
 * the clipboard is refused, the text is selected so it can be copied by hand. `display` shortens a
 * long value on screen (a Lightning invoice); the whole value is what gets copied. `unit` is shown
 * on the same line, outside what is copied.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

export function CopyField({
  label,
  value,
  display,
  unit,
  copyLabel,
  testId,
}: {
  label: string;
  value: string;
  display?: string;
  unit?: string;
  copyLabel: string;
  testId: string;
}) {
  const t = useTranslations();
  const [copied, setCopied] = useState(false);
  const output = useRef<HTMLOutputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const range = document.createRange();
      range.selectNodeContents(output.current!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div>
      <div className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</div>
      <div className="mt-1 flex items-start gap-2">
        <span
          dir="ltr"
          className="min-w-0 flex-1 rounded-md bg-zinc-100 px-2 py-1.5 font-mono text-sm dark:bg-zinc-800"
        >
          <output
            ref={output}
            data-testid={testId}
            data-value={value}
            title={display ? value : undefined}
            className="break-all"
          >
            {display ?? value}
          </output>
          {unit && <span className="ms-1.5 font-sans font-medium">{unit}</span>}
        </span>
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
