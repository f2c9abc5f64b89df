/**
 * Automatic conversion rules: money received in `baseCcy` is converted to `convertCcy` on arrival.
 * The list answer is documented as `[{baseCcy, convertCcy, created}]`; create and remove answer
 * "a truthy value". Bitfinex stores either symbol form (`UST-ETH` or `UST`) as the API symbol.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payCurrencyConversionList, payAddCurrencyConversion, payRemoveCurrencyConversion
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";
import { wireMillis } from "../wire/wire-decimal";

export interface ConversionRule {
  baseCcy: string;
  convertCcy: string;
  createdAt: number | null;
}

export const wireConversion = z
  .object({ baseCcy: z.string().min(1), convertCcy: z.string().min(1), created: wireMillis.nullish() })
  .loose()
  .transform((o) => ({ baseCcy: o.baseCcy, convertCcy: o.convertCcy, createdAt: o.created ?? null }));
const truthy = z.unknown().refine((v) => Boolean(v), "a falsy answer");

export async function listConversions(t: BitfinexTransport): Promise<ConversionRule[]> {
  const path = "v2/auth/r/ext/pay/settings/convert/list";
  return parseWire(z.array(wireConversion), await t.authPost(path, {}, { idempotent: true }), "/" + path);
}

export async function addConversion(
  t: BitfinexTransport,
  rule: { baseCcy: string; convertCcy: string },
): Promise<void> {
  const path = "v2/auth/w/ext/pay/settings/convert/create";
  // Sent once: whether a second create is harmless is undocumented. A lost answer is checked
  // against the list before anything is sent again (lib/settings/conversions.ts).
  parseWire(
    truthy,
    await t.authPost(path, { baseCcy: rule.baseCcy, convertCcy: rule.convertCcy }, { idempotent: false }),
    "/" + path,
  );
}

export async function removeConversion(
  t: BitfinexTransport,
  rule: { baseCcy: string; convertCcy: string },
): Promise<void> {
  const path = "v2/auth/w/ext/pay/settings/convert/remove";
  // Sent once: a remove that happened but whose answer was lost would, sent again, be refused as
  // not found. The caller checks the list first (lib/settings/conversions.ts).
  parseWire(
    truthy,
    await t.authPost(path, { baseCcy: rule.baseCcy, convertCcy: rule.convertCcy }, { idempotent: false }),
    "/" + path,
  );
}
