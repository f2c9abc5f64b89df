// A one-off checkout made by hand (an invoice for a customer on the phone, a market stall).
import { CreateCheckoutForm } from "@/components/dashboard/create-checkout-form";
import { Card } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { FIAT_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { getServices } from "@/lib/server/services";

export default async function NewCheckoutPage() {
  await requireAdmin("/dashboard/checkouts/new");
  const { config } = await getServices();
  return (
    <>
      <h1 className="text-2xl font-semibold">New checkout</h1>
      <Card>
        <CreateCheckoutForm appUrl={config.appUrl} currencies={[...FIAT_CURRENCIES.keys()]} />
      </Card>
    </>
  );
}
