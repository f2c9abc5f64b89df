/**
 * What Bitfinex lets this merchant take, known before a customer arrives: the daily limit, and
 * each pay currency's minimum and maximum per invoice.
 *
 * Neither answer's shape is documented (bfx-api-node-rest 6.0.0 gives only the calls), so,
 * "unconfirmed", we accept:
 * - daily limit: an object with `limit`|`dailyLimit`|`max` and `remaining`|`available`|`left`
 *   (and optionally `currency`, default USD), or an array `[LIMIT, REMAINING, CURRENCY?]`;
 * - currency details: a list of objects naming the symbol (`ccy`|`currency`|`id`|`symbol`) with
 *   `min`|`minAmount`|`minimum` and `max`|`maxAmount`|`maximum` in USD (or `limitCcy`), and an
 *   optional `enabled`/`active` flag; or arrays `[SYMBOL, MIN, MAX, ENABLED?]`. Rows we cannot read
 *   are skipped (a currency without known limits is simply not limited by us).
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payMerchantDailyLimit, payPublicInvoiceCurrencyDetailed, payInvoiceCurrencyDetailed
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";
import { wireDecimal } from "../wire/wire-decimal";
import { log } from "../../observability/log";

export interface DailyLimit {
  /** The limit per 24 h, as a decimal string in `currency`; null when Bitfinex sets none. */
  limit: string | null;
  remaining: string | null;
  currency: string;
}

export interface PayCurrencyLimit {
  symbol: string;
  /** Per invoice, in `currency` (USD unless Bitfinex says otherwise). Null: no bound known. */
  min: string | null;
  max: string | null;
  currency: string;
  enabled: boolean;
}

const dec = wireDecimal.nullish().transform((v) => v ?? null);
const dailyObject = z
  .object({
    limit: dec,
    dailyLimit: dec,
    max: dec,
    remaining: dec,
    available: dec,
    left: dec,
    currency: z.string().nullish(),
    ccy: z.string().nullish(),
  })
  .loose()
  .transform((o) => ({
    limit: o.limit ?? o.dailyLimit ?? o.max,
    remaining: o.remaining ?? o.available ?? o.left,
    currency: o.currency ?? o.ccy ?? "USD",
  }));
const dailyArray = z
  .tuple([dec, dec])
  .rest(z.unknown())
  .transform(([limit, remaining, ...rest]) => ({
    limit,
    remaining,
    currency: typeof rest[0] === "string" ? rest[0] : "USD",
  }));
export const wireDailyLimit = z.union([dailyArray, dailyObject]);

const flag = z.union([z.boolean(), z.literal(0), z.literal(1)]).nullish();
const currencyObject = z
  .object({
    ccy: z.string().nullish(),
    currency: z.string().nullish(),
    id: z.string().nullish(),
    symbol: z.string().nullish(),
    min: dec,
    minAmount: dec,
    minimum: dec,
    max: dec,
    maxAmount: dec,
    maximum: dec,
    limitCcy: z.string().nullish(),
    enabled: flag,
    active: flag,
  })
  .loose()
  .transform((o) => ({
    symbol: o.ccy ?? o.currency ?? o.id ?? o.symbol ?? "",
    min: o.min ?? o.minAmount ?? o.minimum,
    max: o.max ?? o.maxAmount ?? o.maximum,
    currency: o.limitCcy ?? "USD",
    enabled: Boolean(o.enabled ?? o.active ?? true),
  }));
const currencyArray = z
  .tuple([z.string(), dec, dec])
  .rest(z.unknown())
  .transform(([symbol, min, max, enabled]) => ({
    symbol,
    min,
    max,
    currency: "USD",
    enabled: enabled === undefined || enabled === null ? true : Boolean(enabled),
  }));
export const wireCurrencyDetail = z.union([currencyArray, currencyObject]);
const wireCurrencyDetailList = z.array(z.unknown());

function toLimits(rows: unknown[], endpoint: string): PayCurrencyLimit[] {
  const out: PayCurrencyLimit[] = [];
  for (const row of rows) {
    const parsed = wireCurrencyDetail.safeParse(row);
    if (parsed.success && parsed.data.symbol) out.push(parsed.data);
    else log().warn(`bitfinex: ${endpoint} skipped a currency row of an unknown shape`);
  }
  return out;
}

export async function getDailyLimit(
  t: BitfinexTransport,
  query: { customerEmails?: string[] } = {},
): Promise<DailyLimit> {
  const path = "v2/auth/r/ext/pay/settings/daily/limit";
  const body = query.customerEmails?.length ? { customerEmails: query.customerEmails } : {};
  return parseWire(wireDailyLimit, await t.authPost(path, body, { idempotent: true }), "/" + path);
}

/** Public: no key needed (GET). */
export async function listPublicCurrencyLimits(t: BitfinexTransport): Promise<PayCurrencyLimit[]> {
  const path = "v2/ext/pay/invoice/currency/detailed";
  return toLimits(parseWire(wireCurrencyDetailList, await t.publicGet(path), "/" + path), "/" + path);
}

/**
 * The account's own view, sent as bfx-api-node-rest 6.0.0 sends it (`payInvoiceCurrencyDetailed`:
 * `_makePublicPostRequest` on this /auth path, so a POST to api.bitfinex.com, unsigned, with the
 * JSON body of its params; its JSDoc names one, `detailed`). Whether Bitfinex answers it unsigned
 * is UNCONFIRMED; a refusal falls back to the public list (lib/pay-limits/source.ts).
 */
export async function listCurrencyLimits(t: BitfinexTransport): Promise<PayCurrencyLimit[]> {
  const path = "v2/auth/r/ext/pay/currency/detailed";
  return toLimits(
    parseWire(wireCurrencyDetailList, await t.publicPost(path, { detailed: true }, { onRestHost: true }), "/" + path),
    "/" + path,
  );
}
