"use client";
// An in-page confirmation instead of the browser's confirm(): a native <dialog> opened with
// showModal(), so the rest of the page is inert (focus stays in the dialog), Escape cancels, and
// focus returns to the button that opened it. "Cancel" comes first, so showModal() focuses it: a
// stray Enter does nothing harmful.
import { useCallback, useRef, useState } from "react";

export function useConfirm(): [
  React.ReactNode,
  (question: string, confirmLabel: string, tone?: "neutral" | "danger", dismissLabel?: string) => Promise<boolean>,
] {
  const ref = useRef<HTMLDialogElement>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const [ask, setAsk] = useState<{
    question: string;
    label: string;
    tone: "neutral" | "danger";
    dismiss: string;
  } | null>(null);

  const finish = useCallback((ok: boolean) => {
    ref.current?.close();
    resolver.current?.(ok);
    resolver.current = null;
  }, []);

  const confirm = useCallback(
    (question: string, confirmLabel: string, tone: "neutral" | "danger" = "neutral", dismissLabel = "Cancel") => {
      setAsk({ question, label: confirmLabel, tone, dismiss: dismissLabel });
      // Opened after React has rendered the question into it.
      requestAnimationFrame(() => ref.current?.showModal());
      return new Promise<boolean>((resolve) => {
        resolver.current = resolve;
      });
    },
    [],
  );

  const dialog = (
    <dialog
      ref={ref}
      aria-labelledby={ask ? "confirm-question" : undefined}
      onCancel={() => finish(false)}
      onClose={() => resolver.current && finish(false)}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {ask && (
        <>
          <p id="confirm-question" className="text-sm">
            {ask.question}
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <button
              type="button"
              onClick={() => finish(false)}
              className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold dark:border-zinc-600"
            >
              {ask.dismiss}
            </button>
            <button
              type="button"
              onClick={() => finish(true)}
              className={`rounded-lg px-3 py-1.5 text-sm font-semibold ${ask.tone === "danger" ? "bg-red-700 text-white" : "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900"}`}
            >
              {ask.label}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
  return [dialog, confirm];
}
