/**
 * The pay currencies this merchant offers customers: the checkout defaults from the dashboard's
 * settings (or the built-in ones) and those of every active payment link. The go-live checks
 * make sure Bitfinex has a deposit address for each.
 */
import { eq } from "drizzle-orm";
import { DEFAULT_PAY_CURRENCIES } from "../checkouts/validation";
import type { Db } from "../db/connect";
import { paymentLinks } from "../db/schema";
import { readSettings } from "./merchant-settings";

export async function offeredPayCurrencies(db: Db): Promise<string[]> {
  const [settings, links] = await Promise.all([
    readSettings(db),
    db.select({ payCurrencies: paymentLinks.payCurrencies }).from(paymentLinks).where(eq(paymentLinks.active, true)),
  ]);
  return [
    ...new Set([
      ...(settings.defaultPayCurrencies ?? DEFAULT_PAY_CURRENCIES),
      ...links.flatMap((l) => l.payCurrencies),
    ]),
  ];
}
