"use client";
// An in-page confirmation instead of the browser's confirm(): a native <dialog> opened with
// showModal(), so the rest of the page is inert (focus stays in the dialog), Escape cancels, and
// focus returns to the button that opened it. "Cancel" comes first, so showModal() focuses it: a
// stray Enter does nothing harmful. Modal and DialogActions are the same dialog and buttons for
// dialogs with more to say (refund-dialog.tsx).
import { useCallback, useRef, useState } from "react";

type Tone = "neutral" | "danger";

/** The modal <dialog> itself; open it with `dialogRef.current.showModal()`. */
export function Modal({
  dialogRef,
  labelledBy,
  onCancel,
  onClose,
  wide = false,
  children,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  labelledBy?: string;
  onCancel?: () => void;
  onClose?: () => void;
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={labelledBy}
      onCancel={onCancel}
      onClose={onClose}
      className={`m-auto ${wide ? "w-[min(32rem,calc(100vw-2rem))]" : "w-[min(28rem,calc(100vw-2rem))]"} rounded-xl bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      {children}
    </dialog>
  );
}

/**
 * A dialog's last row: the way out first, then the button that acts (red when money leaves or
 * something ends). `submit`: the acting button submits the form around it.
 */
export function DialogActions(props: {
  dismissLabel: string;
  onDismiss: () => void;
  label: string;
  onAct?: () => void;
  submit?: boolean;
  tone?: Tone;
  busy?: boolean;
}) {
  return (
    <div className="mt-4 flex flex-wrap justify-end gap-2">
      <button
        type="button"
        disabled={props.busy}
        onClick={props.onDismiss}
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold dark:border-zinc-600"
      >
        {props.dismissLabel}
      </button>
      <button
        type={props.submit ? "submit" : "button"}
        disabled={props.busy}
        onClick={props.onAct}
        className={`rounded-lg px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${props.tone === "danger" ? "bg-red-700 text-white" : "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900"}`}
      >
        {props.label}
      </button>
    </div>
  );
}

export function useConfirm(): [
  React.ReactNode,
  (question: string, confirmLabel: string, tone?: Tone, dismissLabel?: string) => Promise<boolean>,
] {
  const ref = useRef<HTMLDialogElement>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const [ask, setAsk] = useState<{ question: string; label: string; tone: Tone; dismiss: string } | null>(null);

  const finish = useCallback((ok: boolean) => {
    ref.current?.close();
    resolver.current?.(ok);
    resolver.current = null;
  }, []);

  const confirm = useCallback(
    (question: string, confirmLabel: string, tone: Tone = "neutral", dismissLabel = "Cancel") => {
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
    <Modal
      dialogRef={ref}
      labelledBy={ask ? "confirm-question" : undefined}
      onCancel={() => finish(false)}
      onClose={() => resolver.current && finish(false)}
    >
      {ask && (
        <>
          <p id="confirm-question" className="text-sm">
            {ask.question}
          </p>
          <DialogActions
            dismissLabel={ask.dismiss}
            onDismiss={() => finish(false)}
            label={ask.label}
            onAct={() => finish(true)}
            tone={ask.tone}
          />
        </>
      )}
    </Modal>
  );
  return [dialog, confirm];
}
