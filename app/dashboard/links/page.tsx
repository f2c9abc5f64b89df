// Reusable payment links: create (fixed amount, or the customer chooses within limits), list
// with URL, QR and snippets, disable and enable.
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { ShareLink } from "@/components/dashboard/share-link";
import { Card, CurrencySelect, Field, inputClass } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { FIAT_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { listPaymentLinks, paymentLinkView } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";

export default async function LinksPage() {
  await requireAdmin("/dashboard/links");
  const { deps, config } = await getServices();
  const links = (await listPaymentLinks(deps)).map((l) => paymentLinkView(l, config.appUrl));
  return (
    <>
      <h1 className="text-2xl font-semibold">Payment links</h1>
      <Card title="New payment link">
        <ApiForm action="/api/dashboard/payment-links" submitLabel="Create link" className="grid max-w-2xl gap-3 sm:grid-cols-2">
          <Field label="Name (shown to customers)">
            <input name="name" className={inputClass} required />
          </Field>
          <Field label="Currency">
            <CurrencySelect currencies={[...FIAT_CURRENCIES.keys()]} />
          </Field>
          <Field label="Fixed amount" hint="Leave empty to let the customer choose the amount.">
            <input name="amount" inputMode="decimal" className={inputClass} />
          </Field>
          <Field label="Or: minimum and maximum the customer may choose">
            <span className="flex gap-2">
              <input name="minAmount" inputMode="decimal" aria-label="Minimum amount" placeholder="min" className={inputClass} />
              <input name="maxAmount" inputMode="decimal" aria-label="Maximum amount" placeholder="max" className={inputClass} />
            </span>
          </Field>
          <div className="sm:col-span-2">
            <Field label="Description (optional)">
              <input name="description" className={inputClass} />
            </Field>
          </div>
        </ApiForm>
      </Card>
      {links.length === 0 && <p className="text-sm text-zinc-500">No payment link yet.</p>}
      {links.map((l) => (
        <Card
          key={l.id}
          title={`${l.name}${l.active ? "" : " (disabled)"}`}
          actions={
            <ActionButton
              action={`/api/dashboard/payment-links/${l.id}`}
              method="PATCH"
              label={l.active ? "Disable" : "Enable"}
              confirm={l.active ? `Disable "${l.name}"? Customers opening it will be told it no longer works.` : `Enable "${l.name}" again?`}
              body={{ active: !l.active }}
            />
          }
        >
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="link-amount">
            {l.amount ? `${l.amount} ${l.currency}` : `Customer chooses${l.minAmount ? ` from ${l.minAmount}` : ""}${l.maxAmount ? ` up to ${l.maxAmount}` : ""} ${l.currency}`} · {l.payCurrencies.join(", ")}
          </p>
          {l.active && <ShareLink url={l.url} appUrl={config.appUrl} />}
        </Card>
      ))}
    </>
  );
}
