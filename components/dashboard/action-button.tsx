"use client";
// A button that asks for confirmation in an in-page dialog (when given a question), calls a
// dashboard API route, and refreshes the page with the result (or says what went wrong).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConfirm } from "./confirm-dialog";

export function ActionButton({
  action,
  method = "POST",
  label,
  confirm,
  tone = "neutral",
  body = {},
  done,
}: {
  action: string;
  method?: "POST" | "DELETE" | "PATCH";
  label: string;
  confirm?: string;
  tone?: "neutral" | "danger";
  body?: Record<string, unknown>;
  /** Said (role=status) after a success; the answer's fields can be named as {field}. */
  done?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          if (confirm && !(await ask(confirm, label, tone))) return;
          setBusy(true);
          setError(null);
          setSaid(null);
          const res = await fetch(action, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          }).catch(() => null);
          const answer = res ? await res.json().catch(() => null) : null;
          setBusy(false);
          if (!res?.ok) setError(answer?.error?.message ?? "The server could not be reached.");
          else if (done) setSaid(done.replace(/\{(\w+)\}/g, (_, k: string) => String(answer?.[k] ?? "")));
          router.refresh();
        }}
        className={`rounded-lg px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${tone === "danger" ? "bg-red-700 text-white" : "border border-zinc-300 dark:border-zinc-600"}`}
      >
        {busy ? "Working…" : label}
      </button>
      {said && (
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {said}
        </span>
      )}
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {dialog}
    </span>
  );
}
