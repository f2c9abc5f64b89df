"use client";
// A payment link's fields, for a new link and for editing one: name, currency, a fixed amount or a
// range the customer chooses in (with preset amounts offered as buttons), pay currencies, time to pay
// in minutes, redirect URL and description. Editing sends every field; an emptied optional field is
// sent as null, which clears it.
import { ApiForm } from "./api-form";
import { PayCurrencyChecks } from "./pay-currency-checks";
import { CurrencySelect, Field, inputClass } from "./ui";

export interface LinkValues {
  id: string;
  name: string;
  description: string | null;
  amount: string | null;
  minAmount: string | null;
  maxAmount: string | null;
  presetAmounts: string[];
  currency: string;
  payCurrencies: string[];
  duration: number;
  redirectUrl: string | null;
}

export function LinkForm({
  link,
  currencies,
  defaults,
}: {
  link?: LinkValues;
  currencies: string[];
  defaults: { payCurrencies: string[]; durationSeconds: number };
}) {
  const edit = link !== undefined;
  const empty = edit ? "null" : undefined;
  return (
    <ApiForm
      action={edit ? `/api/dashboard/payment-links/${link.id}` : "/api/dashboard/payment-links"}
      method={edit ? "PATCH" : "POST"}
      submitLabel={edit ? "Save link" : "Create link"}
      savedMessage={edit ? "Link saved." : undefined}
      className="grid max-w-2xl gap-3 sm:grid-cols-2"
    >
      <Field label="Name (shown to customers)" name="name">
        <input name="name" defaultValue={link?.name} className={inputClass} required />
      </Field>
      <Field label="Currency" name="currency">
        <CurrencySelect currencies={currencies} defaultValue={link?.currency} />
      </Field>
      <Field label="Fixed amount" name="amount" hint="Leave empty to let the customer choose the amount.">
        <input
          name="amount"
          inputMode="decimal"
          data-empty={empty}
          defaultValue={link?.amount ?? ""}
          className={inputClass}
        />
      </Field>
      <Field label="Or: minimum and maximum the customer may choose" name={["minAmount", "maxAmount"]}>
        <span className="flex gap-2">
          <input
            name="minAmount"
            inputMode="decimal"
            data-empty={empty}
            aria-label="Minimum amount"
            placeholder="min"
            defaultValue={link?.minAmount ?? ""}
            className={inputClass}
          />
          <input
            name="maxAmount"
            inputMode="decimal"
            data-empty={empty}
            aria-label="Maximum amount"
            placeholder="max"
            defaultValue={link?.maxAmount ?? ""}
            className={inputClass}
          />
        </span>
      </Field>
      <Field
        label="Preset amounts (customer chooses)"
        name="presetAmounts"
        hint="Shown as buttons, e.g. 5, 10, 25. Up to 6, separated by commas."
      >
        <input
          name="presetAmounts"
          data-kind="list"
          defaultValue={link?.presetAmounts.join(", ") ?? ""}
          className={inputClass}
        />
      </Field>
      <Field label="Time to pay (minutes)" name="duration" hint="5 to 1440 minutes.">
        <input
          name="duration"
          data-kind="minutes"
          inputMode="decimal"
          defaultValue={String((link?.duration ?? defaults.durationSeconds) / 60)}
          className={inputClass}
        />
      </Field>
      <PayCurrencyChecks
        name="payCurrencies"
        legend="Pay currencies offered"
        selected={link?.payCurrencies ?? defaults.payCurrencies}
        className="sm:col-span-2"
      />
      <Field label="Redirect URL after payment (optional)" name="redirectUrl">
        <input
          name="redirectUrl"
          type="url"
          data-empty={empty}
          defaultValue={link?.redirectUrl ?? ""}
          placeholder="https://shop.example/thanks"
          className={inputClass}
        />
      </Field>
      <Field label="Description (optional)" name="description">
        <input name="description" data-empty={empty} defaultValue={link?.description ?? ""} className={inputClass} />
      </Field>
    </ApiForm>
  );
}
