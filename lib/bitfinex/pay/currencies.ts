/**
 * The pay currencies this merchant account may offer (e.g. "BTC", "LNX", "UST-TRX").
 * The answer's shape is not documented; we accept a list of symbols or of objects naming one.
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";

const symbolEntry = z.union([
  z.string(),
  z.array(z.unknown()).transform((row) => String(row[0] ?? "")),
  z
    .object({ ccy: z.string().optional(), currency: z.string().optional(), id: z.string().optional() })
    .transform((o) => o.ccy ?? o.currency ?? o.id ?? ""),
]);
const wireCurrencyList = z.array(symbolEntry);

export async function listPayCurrencies(t: BitfinexTransport): Promise<string[]> {
  const path = "v2/auth/r/ext/pay/currency/list";
  const answer = await t.authPost(path, {}, { idempotent: true });
  return parseWire(wireCurrencyList, answer, "/" + path).filter((s) => s.length > 0);
}
