/** The checkouts the plugin made (dashboard "WooCommerce" page), newest first. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/connect";
import { bfxPayInvoices, bfxPayKeys, checkouts } from "../db/schema";
import { bfxStatus } from "./invoice-view";

export async function pluginOrders(db: Db, limit = 50) {
  const rows = await db
    .select({
      id: checkouts.id,
      orderId: checkouts.orderId,
      amount: checkouts.amount,
      currency: checkouts.currency,
      state: checkouts.state,
      createdAt: checkouts.createdAt,
      keyName: bfxPayKeys.name,
    })
    .from(bfxPayInvoices)
    .innerJoin(checkouts, eq(checkouts.id, bfxPayInvoices.checkoutId))
    .innerJoin(bfxPayKeys, eq(bfxPayKeys.id, bfxPayInvoices.keyId))
    .orderBy(desc(checkouts.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, pluginStatus: bfxStatus(r.state) }));
}
