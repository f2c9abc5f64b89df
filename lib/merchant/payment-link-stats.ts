/**
 * Per payment link: how many of its checkouts were paid (on time or late) and for how much, per
 * fiat currency (a link's currency can be edited, so one link may have sold in two). PostgreSQL sums
 * the numeric column: the totals are exact decimal strings.
 */
import { and, count, eq, inArray, sum } from "drizzle-orm";
import type { Db } from "../db/connect";
import { checkouts } from "../db/schema";
import { SETTLED_STATES } from "../checkouts/state-machine";

export interface LinkSales {
  paidCount: number;
  volume: Array<{ currency: string; amount: string }>;
}

export async function paymentLinkSales(db: Db): Promise<Map<string, LinkSales>> {
  const rows = await db
    .select({ linkId: checkouts.sourceRef, currency: checkouts.currency, n: count(), amount: sum(checkouts.amount) })
    .from(checkouts)
    .where(and(eq(checkouts.source, "link"), inArray(checkouts.state, SETTLED_STATES)))
    .groupBy(checkouts.sourceRef, checkouts.currency)
    .orderBy(checkouts.sourceRef, checkouts.currency);
  const out = new Map<string, LinkSales>();
  for (const r of rows) {
    if (!r.linkId) continue;
    const sales = out.get(r.linkId) ?? { paidCount: 0, volume: [] };
    sales.paidCount += Number(r.n);
    sales.volume.push({ currency: r.currency, amount: r.amount ?? "0" });
    out.set(r.linkId, sales);
  }
  return out;
}
