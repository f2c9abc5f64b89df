/**
 * The sandbox's market: fixed, adjustable prices so tests and demos are reproducible.
 * Everything is priced in USD; a cross rate is price(a) / price(b).
 */
import { Money } from "../money/decimal";

export const DEFAULT_USD_PRICES: Record<string, string> = {
  // crypto
  BTC: "100000",
  ETH: "4000",
  UST: "1",
  EUT: "1.08",
  LTC: "100",
  DOGE: "0.2",
  AVAX: "30",
  // fiat
  USD: "1",
  EUR: "1.08",
  GBP: "1.27",
  CHF: "1.12",
  CNY: "0.14",
  JPY: "0.0067",
  KRW: "0.00072",
  INR: "0.012",
  HKD: "0.128",
  AUD: "0.66",
  TWD: "0.031",
  BRL: "0.18",
  RUB: "0.011",
  IDR: "0.000063",
  MXN: "0.058",
  PEN: "0.27",
  UYU: "0.025",
  VES: "0.027",
  COP: "0.00025",
  ARS: "0.001",
  AED: "0.272",
  HNL: "0.04",
  GTQ: "0.13",
};

export function crossRate(prices: Record<string, string>, from: string, to: string): InstanceType<typeof Money> | null {
  const a = prices[from];
  const b = prices[to];
  if (!a || !b) return null;
  return new Money(a).div(b);
}

/** A ticker array as Bitfinex sends it: [BID, BID_SIZE, ASK, ASK_SIZE, CHANGE, CHANGE_REL, LAST, VOLUME, HIGH, LOW]. */
export function tickerRow(last: InstanceType<typeof Money>): string[] {
  const spread = last.mul("0.0001");
  const fmt = (d: InstanceType<typeof Money>) => d.toSignificantDigits(8).toFixed();
  return [
    fmt(last.sub(spread)),
    "12.5",
    fmt(last.add(spread)),
    "9.75",
    "0",
    "0",
    fmt(last),
    "1234.5",
    fmt(last.mul("1.02")),
    fmt(last.mul("0.98")),
  ];
}
