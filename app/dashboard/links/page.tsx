// Reusable payment links: create (fixed amount, or the customer chooses within limits, with preset
// amounts), edit, disable and enable; each with its paid checkouts (count and volume), URL, QR and
// snippets. And signed static links, made here for merchants without a backend.
import { ActionButton } from "@/components/dashboard/action-button";
import { LinkForm } from "@/components/dashboard/link-form";
import { ShareLink } from "@/components/dashboard/share-link";
import { SignedLinkForm } from "@/components/dashboard/signed-link-form";
import { Card } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { FIAT_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { formatFiat } from "@/lib/i18n/format";
import { brandingFor } from "@/lib/merchant/branding";
import { paymentLinkSales } from "@/lib/merchant/payment-link-stats";
import { listPaymentLinks, paymentLinkView } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";

export default async function LinksPage() {
  await requireAdmin("/dashboard/links");
  const { deps, config } = await getServices();
  const [rows, sales, settings] = await Promise.all([
    listPaymentLinks(deps),
    paymentLinkSales(deps.db),
    readSettings(deps.db),
  ]);
  const links = rows.map((l) => paymentLinkView(l, config.appUrl));
  const brandColor = brandingFor(settings, process.env, config.mode).color;
  const d = checkoutDefaults(settings);
  const defaults = { payCurrencies: d.payCurrencies, durationSeconds: d.duration };
  const currencies = [...FIAT_CURRENCIES.keys()];
  return (
    <>
      <h1 className="text-2xl font-semibold">Payment links</h1>
      <Card title="New payment link">
        <LinkForm currencies={currencies} defaults={defaults} />
      </Card>
      {links.length === 0 && <p className="text-sm text-zinc-500">No payment link yet.</p>}
      {links.map((l) => {
        const sold = sales.get(l.id);
        return (
          <Card
            key={l.id}
            title={`${l.name}${l.active ? "" : " (disabled)"}`}
            actions={
              <ActionButton
                action={`/api/dashboard/payment-links/${l.id}`}
                method="PATCH"
                label={l.active ? "Disable" : "Enable"}
                confirm={
                  l.active
                    ? `Disable "${l.name}"? Customers opening it will be told it no longer works.`
                    : `Enable "${l.name}" again?`
                }
                body={{ active: !l.active }}
              />
            }
          >
            <p className="mb-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="link-amount">
              {l.amount
                ? `${l.amount} ${l.currency}`
                : `Customer chooses${l.minAmount ? ` from ${l.minAmount}` : ""}${l.maxAmount ? ` up to ${l.maxAmount}` : ""} ${l.currency}`}
              {l.presetAmounts.length > 0 && ` (buttons: ${l.presetAmounts.join(", ")})`} · {l.payCurrencies.join(", ")}{" "}
              · {l.duration / 60} min to pay
            </p>
            <p className="mb-3 text-sm" data-testid="link-sales">
              {sold
                ? `${sold.paidCount} paid checkout${sold.paidCount === 1 ? "" : "s"} · ${sold.volume.map((v) => formatFiat(v.amount, v.currency, "en")).join(" + ")}`
                : "No paid checkout yet"}
            </p>
            {l.active && <ShareLink url={l.url} appUrl={config.appUrl} brandColor={brandColor} />}
            <details className="mt-4 border-t border-zinc-100 pt-3 dark:border-zinc-800">
              <summary className="cursor-pointer text-sm font-semibold">Edit link</summary>
              <div className="mt-3">
                <LinkForm link={l} currencies={currencies} defaults={defaults} />
              </div>
            </details>
          </Card>
        );
      })}
      <Card title="Signed static link">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          For one order without a backend: the amount, currency and order id are fixed by a signature in the link, so a
          customer cannot change them. Opening it again shows the same checkout until it expires.
        </p>
        <SignedLinkForm appUrl={config.appUrl} currencies={currencies} brandColor={brandColor} />
      </Card>
    </>
  );
}
