"use client";
// Creates a key for Bitfinex Pay's WooCommerce plugin and shows its secret once, with the four
// values to paste into the plugin's settings.
import { ApiForm } from "./api-form";
import { CopyButton } from "./copy-button";
import { Field, inputClass } from "./ui";

interface Created {
  apiKey: string;
  secret: string;
  apiUrl: string;
  redirectUrl: string;
}

export function NewPluginKeyForm() {
  return (
    <ApiForm
      action="/api/dashboard/bfx-pay-keys"
      submitLabel="Create plugin key"
      className="flex max-w-2xl flex-wrap items-end gap-3"
      onDone={(body) => {
        const k = body as Created;
        const rows: Array<[string, string, string]> = [
          ["Api url", k.apiUrl, "plugin-api-url"],
          ["Redirect url", k.redirectUrl, "plugin-redirect-url"],
          ["Api key", k.apiKey, "plugin-api-key"],
          ["Api secret", k.secret, "plugin-api-secret"],
        ];
        return (
          <div
            role="status"
            className="w-full rounded-lg bg-emerald-50 p-3 text-sm text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          >
            <p className="font-medium">Paste these into the plugin now: the secret will not be shown again.</p>
            <dl className="mt-2 grid gap-1">
              {rows.map(([label, value, testId]) => (
                <div key={label} className="flex flex-wrap items-center gap-2">
                  <dt className="w-28 font-medium">{label}</dt>
                  <dd className="flex min-w-0 items-center gap-2">
                    <code data-testid={testId} className="font-mono break-all">
                      {value}
                    </code>
                    <CopyButton value={value} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        );
      }}
    >
      <Field label="Name">
        <input name="name" placeholder="e.g. WooCommerce shop" className={inputClass} required />
      </Field>
    </ApiForm>
  );
}
