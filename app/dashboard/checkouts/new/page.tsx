// A one-off checkout made by hand (an invoice for a customer on the phone, a market stall).
import { CreateCheckoutForm } from "@/components/dashboard/create-checkout-form";
import { PayLimits } from "@/components/dashboard/pay-limits";
import { Card } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { FIAT_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { brandingFor } from "@/lib/merchant/branding";
import { checkoutDefaults, readSettings } from "@/lib/settings/merchant-settings";
import { getPayLimits, getServices } from "@/lib/server/services";
import { offeredPayCurrencies } from "@/lib/settings/offered-currencies";

export default async function NewCheckoutPage() {
  await requireAdmin("/dashboard/checkouts/new");
  const { config, deps } = await getServices();
  const settings = await readSettings(deps.db);
  const defaults = checkoutDefaults(settings);
  const [limits, offered] = await Promise.all([getPayLimits().read(), offeredPayCurrencies(deps.db)]);
  return (
    <>
      <h1 className="text-2xl font-semibold">New checkout</h1>
      <Card>
        <CreateCheckoutForm
          appUrl={config.appUrl}
          currencies={[...FIAT_CURRENCIES.keys()]}
          brandColor={brandingFor(settings, process.env, config.mode).color}
          defaults={{ payCurrencies: defaults.payCurrencies, durationSeconds: defaults.duration }}
        />
      </Card>
      <Card title="What Bitfinex will accept">
        <PayLimits state={limits} offered={offered} compact />
      </Card>
    </>
  );
}
