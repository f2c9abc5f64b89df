"use client";
// A dashboard form that sends its fields as JSON to a dashboard API route and shows the server's
// answer: each field error beside its field (by name), or a success (then refresh, or the
// `onDone` view such as a key shown once, or `savedMessage` for settings forms, which keep what was
// typed). Field names with dots ("a.b") become nested objects;
// `data-kind="list"` fields split on commas and new lines; `data-kind="number"` become numbers;
// empty optional fields are left out (or sent as null with `data-empty="null"`).
import { useRouter } from "next/navigation";
import { useState } from "react";

export interface FieldError {
  field: string;
  message: string;
}

function toJson(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const el of Array.from(form.elements) as Array<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) {
    if (!el.name || el.disabled) continue;
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
    const raw = el.value.trim();
    const kind = el.dataset.kind;
    let value: unknown = raw;
    if (raw === "") {
      if (el.dataset.empty === "null") value = null;
      else if (kind === "list") value = [];
      else continue;
    } else if (kind === "list") value = raw.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean);
    else if (kind === "number") value = Number(raw);
    else if (el instanceof HTMLInputElement && el.type === "checkbox") value = true;
    const path = el.name.split(".");
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = value;
  }
  return body;
}

export function ApiForm({
  action,
  method = "POST",
  submitLabel,
  children,
  onDone,
  confirm,
  className,
  savedMessage,
}: {
  action: string;
  method?: "POST" | "PATCH" | "PUT" | "DELETE";
  submitLabel: string;
  children?: React.ReactNode;
  onDone?: (body: unknown) => React.ReactNode;
  confirm?: string;
  className?: string;
  /** Settings forms: keep the values and say so (in a status region, so screen readers hear it). */
  savedMessage?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<React.ReactNode>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    setFieldErrors([]);
    setDone(null);
    const res = await fetch(action, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(toJson(form)) }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    setBusy(false);
    if (!res || !res.ok) {
      setError(body?.error?.message ?? "The server could not be reached. Please try again.");
      setFieldErrors(body?.error?.errors ?? []);
      return;
    }
    if (onDone) setDone(onDone(body));
    else if (savedMessage) setDone(<span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">{savedMessage}</span>);
    else form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className={className ?? "space-y-3"} noValidate>
      {children}
      {fieldErrors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-700 dark:text-red-400" data-testid="field-errors">
          {fieldErrors.map((e) => (
            <li key={e.field + e.message}>
              <strong>{e.field}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {error && fieldErrors.length === 0 && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {fieldErrors.length > 0 && (
        <p role="alert" className="sr-only">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900">
        {busy ? "Working…" : submitLabel}
      </button>
      {done}
    </form>
  );
}
