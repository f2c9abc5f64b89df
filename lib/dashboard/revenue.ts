/**
 * The overview's revenue per day: what paid checkouts (on time or late) were worth, per UTC day of
 * payment and fiat currency, with every day of the period present (zero when nothing was paid) so a
 * chart shows quiet days as quiet. PostgreSQL sums `numeric`: the amounts are exact decimal strings.
 */
import { and, gte, inArray, isNotNull, sql, sum } from "drizzle-orm";
import type { Db } from "../db/connect";
import { checkouts } from "../db/schema";
import { Money } from "../money/decimal";
import { SETTLED_STATES } from "../checkouts/state-machine";

export interface RevenueSeries {
  currency: string;
  /** Oldest first; `day` is YYYY-MM-DD (UTC). */
  days: Array<{ day: string; amount: string }>;
  total: string;
}

/** UTC days from `since` to `now`, inclusive, as YYYY-MM-DD. */
export function daysBetween(since: Date, now: Date): string[] {
  const out: string[] = [];
  const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  while (day.getTime() <= now.getTime()) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

export async function revenuePerDay(db: Db, since: Date, now: Date): Promise<RevenueSeries[]> {
  const day = sql<string>`to_char(${checkouts.paidAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, currency: checkouts.currency, amount: sum(checkouts.amount) })
    .from(checkouts)
    .where(and(inArray(checkouts.state, SETTLED_STATES), isNotNull(checkouts.paidAt), gte(checkouts.paidAt, since)))
    .groupBy(day, checkouts.currency);
  const byCurrency = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const days = byCurrency.get(r.currency) ?? new Map<string, string>();
    days.set(r.day, r.amount ?? "0");
    byCurrency.set(r.currency, days);
  }
  const calendar = daysBetween(since, now);
  return [...byCurrency.entries()]
    .map(([currency, amounts]) => {
      const days = calendar.map((d) => ({ day: d, amount: amounts.get(d) ?? "0" }));
      const total = days.reduce((t, d) => t.add(d.amount), new Money(0));
      return { currency, days, total: total.toFixed() };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
