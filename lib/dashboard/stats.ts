/**
 * The overview's figures: how many checkouts and how much money, by state and by currency, over
 * the last 24 hours, 7 days or 30 days. Sums are done by PostgreSQL on `numeric` columns and
 * come back as decimal strings: exact, never floats.
 */
import { and, count, gte, isNotNull, sql, sum } from "drizzle-orm";
import type { Db } from "../db/connect";
import { checkouts } from "../db/schema";

export const PERIODS = { "24h": 24 * 3600_000, "7d": 7 * 24 * 3600_000, "30d": 30 * 24 * 3600_000 } as const;
export type Period = keyof typeof PERIODS;

export function parsePeriod(value: string | undefined): Period {
  return value && value in PERIODS ? (value as Period) : "24h";
}

export interface Overview {
  since: Date;
  /** Per state and fiat currency: count and total ordered. */
  byState: Array<{ state: string; currency: string; count: number; amount: string }>;
  /** Per crypto pay currency: checkouts paid in it and the crypto received. */
  byPayCurrency: Array<{ payCurrency: string; count: number; received: string }>;
}

export async function overview(db: Db, period: Period, now: number): Promise<Overview> {
  const since = new Date(now - PERIODS[period]);
  const byState = await db
    .select({ state: checkouts.state, currency: checkouts.currency, count: count(), amount: sum(checkouts.amount) })
    .from(checkouts)
    .where(gte(checkouts.createdAt, since))
    .groupBy(checkouts.state, checkouts.currency)
    .orderBy(checkouts.state, checkouts.currency);
  const byPayCurrency = await db
    .select({ payCurrency: sql<string>`${checkouts.payCurrency}`, count: count(), received: sum(checkouts.amountPaid) })
    .from(checkouts)
    .where(and(gte(checkouts.createdAt, since), isNotNull(checkouts.payCurrency)))
    .groupBy(checkouts.payCurrency)
    .orderBy(checkouts.payCurrency);
  return {
    since,
    byState: byState.map((r) => ({ ...r, count: Number(r.count), amount: r.amount ?? "0" })),
    byPayCurrency: byPayCurrency.map((r) => ({ ...r, count: Number(r.count), received: r.received ?? "0" })),
  };
}
