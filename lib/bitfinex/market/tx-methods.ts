/**
 * Bitfinex's map of deposit/withdrawal methods to the currencies they carry, e.g. "BITCOIN" ->
 * ["BTC"], "TETHERUSX" -> ["UST"]. A Pay payment names its `method`, not its chain, so this map
 * is what ties a payment to the invoice entry it paid.
 * @see https://api-pub.bitfinex.com//v2/conf/pub:map:tx:method (documented as [[[METHOD,[CURRENCY]]...]])
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";

// One row per method; rows of another shape are skipped rather than failing the whole map.
const wireMethodMap = z.tuple([z.array(z.unknown())]).rest(z.unknown());
const wireRow = z.tuple([z.string().min(1), z.array(z.string())]).rest(z.unknown());

/** Method (upper case) -> currency symbols (upper case). */
export type TxMethodMap = ReadonlyMap<string, readonly string[]>;

export async function getTxMethodMap(t: BitfinexTransport): Promise<TxMethodMap> {
  const path = "v2/conf/pub:map:tx:method";
  const [rows] = parseWire(wireMethodMap, await t.publicGet(path), "/" + path);
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const parsed = wireRow.safeParse(row);
    if (parsed.success)
      map.set(
        parsed.data[0].toUpperCase(),
        parsed.data[1].map((c) => c.toUpperCase()),
      );
  }
  return map;
}
