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
}: {
  action: string;
  method?: "POST" | "DELETE" | "PATCH";
  label: string;
  confirm?: string;
  tone?: "neutral" | "danger";
  body?: Record<string, unknown>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
          const res = await fetch(action, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          }).catch(() => null);
          const answer = res ? await res.json().catch(() => null) : null;
          setBusy(false);
          if (!res?.ok) setError(answer?.error?.message ?? "The server could not be reached.");
          router.refresh();
        }}
        className={`rounded-lg px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${tone === "danger" ? "bg-red-700 text-white" : "border border-zinc-300 dark:border-zinc-600"}`}
      >
        {busy ? "Working…" : label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {dialog}
    </span>
  );
}
