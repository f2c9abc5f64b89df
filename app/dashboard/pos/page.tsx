// The point-of-sale terminal (signed in): a keypad, "Charge", the payment page for the customer.
import type { Metadata } from "next";
import { PosTerminal } from "@/components/dashboard/pos/pos-terminal";
import { requireAdmin } from "@/lib/auth/session";
import { FIAT_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { brandingFor } from "@/lib/merchant/branding";
import { getServices } from "@/lib/server/services";
import { readSettings } from "@/lib/settings/merchant-settings";

export const metadata: Metadata = { title: "Point of sale" };

export default async function PosPage() {
  await requireAdmin("/dashboard/pos");
  const { deps, config } = await getServices();
  const brand = brandingFor(await readSettings(deps.db), process.env, config.mode);
  return <PosTerminal currencies={[...FIAT_CURRENCIES.entries()]} shopName={brand.name} />;
}
