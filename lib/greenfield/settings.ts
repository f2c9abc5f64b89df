/** What the store answers that comes from the merchant's settings and keys. */
import type { Db } from "../db/connect";
import { describeCurrentKey, type MerchantPrincipal } from "../merchant/api-keys";
import { checkoutDefaults, readSettings } from "../settings/merchant-settings";
import { storeView } from "./store";

export async function storeName(db: Db) {
  const settings = await readSettings(db);
  return storeView(settings.merchantName ?? "Bitfinex Checkout", "USD");
}

export async function enabledPayCurrencies(db: Db): Promise<string[]> {
  return checkoutDefaults(await readSettings(db)).payCurrencies;
}

export async function currentKeyLabel(db: Db, principal: MerchantPrincipal): Promise<string> {
  return (await describeCurrentKey(db, principal)).name;
}
