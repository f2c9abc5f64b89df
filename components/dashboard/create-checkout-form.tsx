"use client";
// The dashboard's one-off checkout: amount, currency, order id, optional description; the
// answer is the payment page's URL with a QR and snippets.
import { ApiForm } from "./api-form";
import { ShareLink } from "./share-link";
import { CurrencySelect, Field, inputClass } from "./ui";

export function CreateCheckoutForm({ appUrl, currencies }: { appUrl: string; currencies: string[] }) {
  return (
    <ApiForm
      action="/api/dashboard/checkouts"
      submitLabel="Create checkout"
      className="grid max-w-2xl gap-3 sm:grid-cols-2"
      onDone={(body) => {
        const c = body as { id: string; url: string };
        return (
          <div className="sm:col-span-2" data-testid="created-checkout">
            <p className="mb-2 text-sm font-medium text-emerald-800 dark:text-emerald-300">
              Checkout created: <a href={`/dashboard/checkouts/${c.id}`} className="underline">{c.id}</a>
            </p>
            <ShareLink url={c.url} appUrl={appUrl} />
          </div>
        );
      }}
    >
      <Field label="Amount">
        <input name="amount" inputMode="decimal" placeholder="25.00" className={inputClass} required />
      </Field>
      <Field label="Currency">
        <CurrencySelect currencies={currencies} />
      </Field>
      <Field label="Order id">
        <input name="orderId" className={inputClass} required />
      </Field>
      <Field label="Redirect URL after payment (optional)">
        <input name="redirectUrl" type="url" placeholder="https://shop.example/thanks" className={inputClass} />
      </Field>
      <div className="sm:col-span-2">
        <Field label="Description (optional)">
          <input name="description" className={inputClass} />
        </Field>
      </div>
    </ApiForm>
  );
}
