"use client";
// Creates an API key with the scopes ticked (reading and creating checkouts unless others are
// chosen) and shows it once, with a copy button; only its hash is kept.
import { API_KEY_SCOPES, DEFAULT_KEY_SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/api-scopes";
import { ApiForm } from "./api-form";
import { CopyButton } from "./copy-button";
import { ChoiceField, Field, inputClass } from "./ui";

export function NewKeyForm() {
  return (
    <ApiForm
      action="/api/dashboard/api-keys"
      submitLabel="Create key"
      className="flex max-w-xl flex-wrap items-end gap-3"
      onDone={(body) => {
        const { key, scopes } = body as { key: string; scopes: string[] };
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
            <p className="mt-1">
              Scopes: <span data-testid="new-api-key-scopes">{scopes.join(", ")}</span>
            </p>
          </div>
        );
      }}
    >
      <Field label="Name">
        <input name="name" placeholder="e.g. Shop backend" className={inputClass} required />
      </Field>
      <ChoiceField
        legend="Scopes"
        name="scopes"
        hint="What the key may do. Give a key only what its program needs: a shop plugin needs the two checkout scopes. Scopes cannot be added later."
        className="w-full"
      >
        <div className="mt-1 grid gap-y-1">
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                data-kind="set"
                defaultChecked={DEFAULT_KEY_SCOPES.includes(scope)}
                className="mt-0.5 size-4 shrink-0"
              />
              <span>
                <span className="font-mono text-sm">{scope}</span>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">— {SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
      </ChoiceField>
    </ApiForm>
  );
}
