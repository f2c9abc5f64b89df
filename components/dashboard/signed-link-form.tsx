"use client";
// A signed static link made in the dashboard (the README's "no backend" way): amount, currency,
// order id and how long it stays valid; the answer is the link with a copy button and a QR.
import { ApiForm } from "./api-form";
import { ShareLink } from "./share-link";
import { CurrencySelect, Field, inputClass } from "./ui";

export function SignedLinkForm({
  appUrl,
  currencies,
  brandColor,
}: {
  appUrl: string;
  currencies: string[];
  brandColor: string;
}) {
  return (
    <ApiForm
      action="/api/dashboard/signed-links"
      submitLabel="Make signed link"
      className="grid max-w-2xl gap-3 sm:grid-cols-2"
      onDone={(body) => {
        const l = body as { url: string; orderId: string; expiresAt: string | null };
        return (
          <div data-testid="signed-link" role="status">
            <p className="mb-2 text-sm font-medium text-emerald-800 dark:text-emerald-300">
              Signed link for order {l.orderId}
              {l.expiresAt ? `, valid until ${l.expiresAt.replace("T", " ").slice(0, 16)} UTC` : ", valid until paid"}:
            </p>
            <ShareLink url={l.url} appUrl={appUrl} brandColor={brandColor} />
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
      <Field label="Valid for (hours)" name="expiresInHours" hint="Empty: no expiry. At most a year (8760 hours).">
        <input name="expiresInHours" data-kind="number" inputMode="numeric" defaultValue="72" className={inputClass} />
      </Field>
    </ApiForm>
  );
}
