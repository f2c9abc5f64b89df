"use client";
// Creates an API key and shows it once, with a copy button; only its hash is kept.
import { ApiForm } from "./api-form";
import { CopyButton } from "./copy-button";
import { Field, inputClass } from "./ui";

export function NewKeyForm() {
  return (
    <ApiForm
      action="/api/dashboard/api-keys"
      submitLabel="Create key"
      className="flex max-w-xl flex-wrap items-end gap-3"
      onDone={(body) => {
        const key = (body as { key: string }).key;
        return (
          <div
            role="status"
            className="w-full rounded-lg bg-emerald-50 p-3 text-sm text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          >
            <p className="font-medium">Copy this key now: it will not be shown again.</p>
            <p className="mt-1 flex items-center gap-2">
              <code data-testid="new-api-key" className="font-mono break-all">
                {key}
              </code>
              <CopyButton value={key} />
            </p>
          </div>
        );
      }}
    >
      <Field label="Name">
        <input name="name" placeholder="e.g. Shop backend" className={inputClass} required />
      </Field>
    </ApiForm>
  );
}
