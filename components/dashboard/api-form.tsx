"use client";
// A dashboard form that sends its fields as JSON (form-body.ts) to a dashboard API route and
// shows the server's answer: each field error as a sentence beside its field (Field's `name`), or a
// success (then refresh, or the `onDone` view such as a key shown once, or `savedMessage` for
// settings forms, which keep what was typed; other forms are cleared so a second click cannot
// repeat the first). While it is sending the button is disabled, and every request carries an
// Idempotency-Key made once per form and renewed after a success: a double submit that still gets
// through is one request to the server.
import { useRouter } from "next/navigation";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { fieldMessages } from "@/lib/dashboard/field-messages";
import type { FieldProblem } from "@/lib/errors/error-body";
import { newKey, passkeyProof, sendJson } from "./api-request";
import { useConfirm } from "./confirm-dialog";
import { formBody } from "./form-body";
import { FormErrorsContext } from "./form-errors";

export function ApiForm({
  action,
  method = "POST",
  submitLabel,
  children,
  onDone,
  confirm,
  className,
  savedMessage,
  passkeyStepUp = false,
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
  /** A step-up form whose user has a passkey: with its "otp" field left empty, the passkey answers instead. */
  passkeyStepUp?: boolean;
}) {
  const router = useRouter();
  const formId = useId().replace(/:/g, "");
  const key = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [done, setDone] = useState<React.ReactNode>(null);
  const [dialog, ask] = useConfirm();
  const errors = useMemo(() => fieldMessages(problems), [problems]);
  const [fields, setFields] = useState<ReadonlySet<string>>(new Set());
  const register = useCallback((name: string) => setFields((s) => (s.has(name) ? s : new Set([...s, name]))), []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    if (confirm && !(await ask(confirm, submitLabel))) return;
    key.current ??= newKey();
    setBusy(true);
    setError(null);
    setProblems([]);
    setDone(null);
    const payload = formBody(form) as Record<string, unknown>;
    if (passkeyStepUp && !String(payload.otp ?? "").trim()) {
      const proof = await passkeyProof();
      if (!proof) {
        setBusy(false);
        setError("The passkey did not answer. Try again, or enter a code from your authenticator app.");
        return;
      }
      delete payload.otp;
      payload.passkey = proof;
    }
    const answer = await sendJson(action, { method, body: payload, idempotencyKey: key.current });
    setBusy(false);
    if (!answer.ok) {
      setProblems(answer.problems);
      setError(
        answer.problems.length > 0
          ? "Please correct the marked fields."
          : (answer.problem?.message ?? "The server could not be reached. Please try again."),
      );
      return;
    }
    key.current = null; // the next submit is a new request
    if (onDone) setDone(onDone(answer.body));
    else if (savedMessage)
      setDone(
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {savedMessage}
        </span>,
      );
    if (!savedMessage) form.reset();
    router.refresh();
  }

  // Problems about fields this form does not show (a header, the body) have nowhere else to go.
  const loose = Array.from(errors.entries()).filter(([name]) => !fields.has(name));

  return (
    <FormErrorsContext.Provider value={{ formId, errors, register }}>
      <form onSubmit={submit} className={className ?? "space-y-3"} noValidate aria-busy={busy}>
        {children}
        {/* The button and the answers take a row of their own, whatever grid the fields are in. */}
        <div className="col-span-full flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
          >
            {busy ? "Working…" : submitLabel}
          </button>
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="form-error">
              {error}
            </p>
          )}
        </div>
        {loose.length > 0 && (
          <ul
            className="col-span-full list-disc pl-5 text-sm text-red-700 dark:text-red-400"
            data-testid="field-errors"
          >
            {loose.map(([name, text]) => (
              <li key={name}>{text}</li>
            ))}
          </ul>
        )}
        {done && <div className="col-span-full">{done}</div>}
      </form>
      {dialog}
    </FormErrorsContext.Provider>
  );
}
