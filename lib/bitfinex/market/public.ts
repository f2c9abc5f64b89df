/**
 * Public market data: BTC prices for fiat→BTC conversion, FX between fiats, platform status.
 * @see https://docs.bitfinex.com/reference/rest-public-ticker
 * @see https://docs.bitfinex.com/reference/rest-public-platform-status
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import type { Ticker } from "../types";
import { parseWire } from "../wire/parse";
import { wireDecimal } from "../wire/wire-decimal";

// [BID, BID_SIZE, ASK, ASK_SIZE, DAILY_CHANGE, DAILY_CHANGE_RELATIVE, LAST_PRICE, VOLUME, HIGH, LOW]
const wireTicker = z
  .tuple([wireDecimal, z.unknown(), wireDecimal, z.unknown(), z.unknown(), z.unknown(), wireDecimal])
  .rest(z.unknown());

/** `symbol` is a trading pair such as "tBTCUSD". */
export async function getTicker(t: BitfinexTransport, symbol: string): Promise<Ticker> {
  if (!/^t[A-Z0-9:]{6,16}$/.test(symbol)) throw new TypeError(`bad ticker symbol ${symbol}`);
  const path = `v2/ticker/${symbol}`;
  const [bid, , ask, , , , last] = parseWire(wireTicker, await t.publicGet(path), "/" + path);
  return { symbol, bid, ask, last, fetchedAt: Date.now() };
}

/** Exchange rate from one currency to another, e.g. ("EUR", "USD"). */
export async function getFxRate(t: BitfinexTransport, from: string, to: string): Promise<string> {
  const path = "v2/calc/fx";
  const [rate] = parseWire(
    z.tuple([wireDecimal]).rest(z.unknown()),
    await t.publicPost(path, { ccy1: from, ccy2: to }),
    "/" + path,
  );
  return rate;
}

/** True when Bitfinex is operative, false in maintenance. */
export async function getPlatformStatus(t: BitfinexTransport): Promise<boolean> {
  const path = "v2/platform/status";
  const [status] = parseWire(z.tuple([z.number().int()]).rest(z.unknown()), await t.publicGet(path), "/" + path);
  return status === 1;
}
