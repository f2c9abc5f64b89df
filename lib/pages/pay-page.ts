/**
 * What the payment page (app/pay/[id]) needs from the server, read once per request: the checkout
 * as the customer may see it, the merchant's branding, and whether it can be started again.
 */
import "server-only";
import { cache } from "react";
import { isId } from "../ids";
import { notOffered } from "../checkouts/start-payment";
import { brandingFor, textOn } from "../merchant/branding";
import { getServices } from "../server/services";
import { readSettings } from "../settings/merchant-settings";
import { publicCheckoutView } from "../checkouts/public-view";
import { findCheckout, findInvoices } from "../checkouts/repository";
import { restartableSource } from "../checkouts/restart";

export const loadPayPage = cache(async (id: string) => {
  if (!isId(id, "co")) return null;
  const { deps, config } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) return null;
  const [invoices, rails, settings, excluded] = await Promise.all([
    findInvoices(deps.db, id),
    deps.rails.current(),
    readSettings(deps.db),
    notOffered(deps, row),
  ]);
  const brand = brandingFor(settings, process.env, config.mode);
  return {
    // The redirect is only ever the URL the merchant declared; the screen uses it once final.
    view: {
      ...publicCheckoutView(row, invoices, rails, deps.now(), config.mode, excluded),
      redirectUrl: row.redirectUrl,
    },
    merchant: { name: brand.name, logoUrl: brand.logoUrl },
    brand: { color: brand.color, text: textOn(brand.color) },
    canRestart: restartableSource(row),
    paidAt: row.paidAt?.toISOString() ?? null,
    embedOrigins: settings.embedOrigins,
  };
});
