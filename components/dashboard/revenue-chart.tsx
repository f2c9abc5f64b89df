"use client";
// Fiat revenue per day as a bar chart (recharts), one chart per currency, beside the overview's
// totals. The chart is a picture (role="img" with a sentence saying what it shows); the same
// figures are in a table below it for screen readers and for anyone who wants exact numbers.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RevenueSeries } from "@/lib/dashboard/revenue";
import { formatFiat } from "@/lib/i18n/format";
import { Money } from "@/lib/money/decimal";

function CurrencyChart({ series }: { series: RevenueSeries }) {
  // Display edge: recharts needs numbers to scale bars, so the decimal strings become floats here
  // and only here; every figure a person reads (tooltip, table, total) is formatted from the string.
  const data = series.days.map((d) => ({
    day: d.day.slice(5),
    value: Number(d.amount),
    text: formatFiat(d.amount, series.currency, "en"),
  }));
  const best = series.days.reduce((b, d) => (new Money(d.amount).gt(b.amount) ? d : b), series.days[0]!);
  const summary = `Revenue per day in ${series.currency}, ${series.days[0]?.day} to ${series.days.at(-1)?.day}: ${formatFiat(series.total, series.currency, "en")} in all; best day ${best.day} with ${formatFiat(best.amount, series.currency, "en")}.`;
  return (
    <figure className="space-y-2" data-testid={`revenue-${series.currency}`}>
      <figcaption className="text-sm text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
      <div role="img" aria-label={summary} className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#52525b" }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11, fill: "#52525b" }} width={48} allowDecimals={false} />
            <Tooltip formatter={(_v, _n, item) => [(item.payload as { text: string }).text, series.currency]} />
            <Bar dataKey="value" fill="#047857" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer">Revenue per day as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <caption className="sr-only">Revenue per day in {series.currency}</caption>
          <thead className="text-xs text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                Day (UTC)
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {series.days.map((d) => (
              <tr key={d.day}>
                <td className="px-2 py-0.5">{d.day}</td>
                <td className="px-2 py-0.5 text-right">{formatFiat(d.amount, series.currency, "en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function RevenueChart({ series }: { series: RevenueSeries[] }) {
  if (series.length === 0) return <p className="text-sm text-zinc-500">No paid checkout in this period yet.</p>;
  return (
    <div className="space-y-6">
      {series.map((s) => (
        <CurrencyChart key={s.currency} series={s} />
      ))}
    </div>
  );
}
