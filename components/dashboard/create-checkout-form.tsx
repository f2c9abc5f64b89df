"use client";
// The dashboard's one-off checkout: amount, currency, order id, pay currencies (ticked from the
// settings' defaults), time to pay in minutes, optional redirect URL and description; the answer is
// the payment page's URL with a QR and snippets. The form clears after success, so a second click
// cannot silently make a second checkout with the same order id.
import { ApiForm } from "./api-form";
import { PayCurrencyChecks } from "./pay-currency-checks";
import { ShareLink } from "./share-link";
import { CurrencySelect, Field, inputClass } from "./ui";

export interface CheckoutFormDefaults {
  payCurrencies: string[];
  durationSeconds: number;
}

export function CreateCheckoutForm({
  appUrl,
  currencies,
  brandColor,
  defaults,
}: {
  appUrl: string;
  currencies: string[];
  brandColor: string;
  defaults: CheckoutFormDefaults;
}) {
  return (
    <ApiForm
      action="/api/dashboard/checkouts"
      submitLabel="Create checkout"
      className="grid max-w-2xl gap-3 sm:grid-cols-2"
      onDone={(body) => {
        const c = body as { id: string; url: string; orderId: string };
        return (
          <div data-testid="created-checkout" role="status">
            <p className="mb-2 text-sm font-medium text-emerald-800 dark:text-emerald-300">
              Checkout for order {c.orderId} created:{" "}
              <a href={`/dashboard/checkouts/${c.id}`} className="underline">
                {c.id}
              </a>
              . The form is cleared for the next one.
            </p>
            <ShareLink url={c.url} appUrl={appUrl} brandColor={brandColor} />
          </div>
        );
      }}
    >
      <Field label="Amount" name="amount">
        <input name="amount" inputMode="decimal" placeholder="25.00" className={inputClass} required />
      </Field>
      <Field label="Currency" name="currency">
        <CurrencySelect currencies={currencies} />
      </Field>
      <Field label="Order id" name="orderId">
        <input name="orderId" className={inputClass} required />
      </Field>
      <Field label="Time to pay (minutes)" name="duration" hint="5 to 1440 minutes.">
        <input
          name="duration"
          data-kind="minutes"
          inputMode="decimal"
          defaultValue={String(defaults.durationSeconds / 60)}
          className={inputClass}
        />
      </Field>
      <PayCurrencyChecks
        name="payCurrencies"
        legend="Pay currencies offered"
        selected={defaults.payCurrencies}
        className="sm:col-span-2"
      />
      <Field label="Redirect URL after payment (optional)" name="redirectUrl">
        <input name="redirectUrl" type="url" placeholder="https://shop.example/thanks" className={inputClass} />
      </Field>
      <Field label="Description (optional)" name="description">
        <input name="description" className={inputClass} />
      </Field>
    </ApiForm>
  );
}
