/**
 * What Bitfinex lets this merchant take, known before a customer arrives: the daily limits, and
 * each pay currency's minimum and maximum per invoice.
 *
 * - Daily limits: docs.bitfinex.com/reference/merchant-limits names the answer's fields
 *   (test/fixtures/bitfinex/docs-merchant-limits-fields.txt): ECOMMERCE_LIMIT ("E-Commerce invoice
 *   daily limit"), POS_LIMIT, ECOMMERCE_CUSTOMER_EMAIL ("Customer email against who limit is
 *   applied"), ECOMMERCE_CUSTOMER_USAGE ("Used limit by customer") and POS_USAGE. So the
 *   e-commerce limit is per end customer (Bitfinex support: "$1,000 per 24 hours per end
 *   customer"), asked with `customerEmails`; only the POS limit is the merchant's own. The JSON
 *   shape is not shown ("unconfirmed"), so we accept an object, or a list of objects (one per
 *   customer asked), whose keys are those names in camelCase as Pay's documented objects have them
 *   (`ecommerceLimit`, `posLimit`, `ecommerceCustomerEmail`, `ecommerceCustomerUsage`, `posUsage`),
 *   or nested (`ecommerce: {limit, customerEmail|email, customerUsage|usage, customers: [{email,
 *   usage}]}`, `pos: {limit, usage}`). An answer with none of them is not read as "no limit": it is
 *   malformed, and shown. The currency is `limitCcy` (or `currency`/`ccy`) when named, else USD:
 *   the docs give none, the support article says dollars.
 * - Currency details: a list of objects naming the symbol (`ccy`|`currency`|`id`|`symbol`) with
 *   `min`|`minAmount`|`minimum` and `max`|`maxAmount`|`maximum` in `limitCcy` (USD when it is not
 *   named), and an optional `enabled`/`active` flag; or arrays `[SYMBOL, MIN, MAX, ENABLED?]`. Rows
 *   we cannot read are skipped (a currency without known limits is simply not limited by us).
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payMerchantDailyLimit, payPublicInvoiceCurrencyDetailed, payInvoiceCurrencyDetailed
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";
import { wireDecimal } from "../wire/wire-decimal";
import { log } from "../../observability/log";

export interface CustomerUsage {
  /** As Bitfinex answered it. */
  email: string;
  /** What this customer used of the e-commerce limit in the last 24 h; null when not said. */
  usage: string | null;
}

export interface DailyLimit {
  /** The e-commerce daily limit, per end customer, in `currency`; null when Bitfinex names none. */
  ecommerceLimit: string | null;
  /** The customers asked about (`customerEmails`) with what each has used. */
  customers: CustomerUsage[];
  /** The POS daily limit (the merchant's own) and what is used of it; null when not said. */
  posLimit: string | null;
  posUsage: string | null;
  /** The limits' currency: named by Bitfinex, else USD. */
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
const text = z.string().nullish();
const customerRow = z
  .object({ email: text, customerEmail: text, usage: dec, customerUsage: dec })
  .loose()
  .transform((c) => ({ email: c.email ?? c.customerEmail ?? null, usage: c.usage ?? c.customerUsage }));
const dailyRow = z
  .object({
    ecommerceLimit: dec,
    posLimit: dec,
    ecommerceCustomerEmail: text,
    ecommerceCustomerUsage: dec,
    posUsage: dec,
    ecommerce: z
      .object({
        limit: dec,
        customerEmail: text,
        email: text,
        customerUsage: dec,
        usage: dec,
        customers: z.array(customerRow).nullish(),
      })
      .loose()
      .nullish(),
    pos: z.object({ limit: dec, usage: dec }).loose().nullish(),
    limitCcy: text,
    currency: text,
    ccy: text,
  })
  .loose()
  .transform((o) => {
    const e = o.ecommerce;
    const customers: CustomerUsage[] = [];
    const one = o.ecommerceCustomerEmail ?? e?.customerEmail ?? e?.email;
    if (one) customers.push({ email: one, usage: o.ecommerceCustomerUsage ?? e?.customerUsage ?? e?.usage ?? null });
    for (const c of e?.customers ?? []) if (c.email) customers.push({ email: c.email, usage: c.usage });
    return {
      ecommerceLimit: o.ecommerceLimit ?? e?.limit ?? null,
      customers,
      posLimit: o.posLimit ?? o.pos?.limit ?? null,
      posUsage: o.posUsage ?? o.pos?.usage ?? null,
      currency: o.limitCcy ?? o.currency ?? o.ccy ?? null,
    };
  });
export const wireDailyLimit = z
  .union([dailyRow.transform((r) => [r]), z.array(dailyRow).min(1)])
  .transform((rows): DailyLimit => ({
    ecommerceLimit: rows.find((r) => r.ecommerceLimit !== null)?.ecommerceLimit ?? null,
    customers: rows.flatMap((r) => r.customers),
    posLimit: rows.find((r) => r.posLimit !== null)?.posLimit ?? null,
    posUsage: rows.find((r) => r.posUsage !== null)?.posUsage ?? null,
    currency: rows.find((r) => r.currency)?.currency ?? "USD",
  }))
  .refine((d) => d.ecommerceLimit !== null || d.posLimit !== null || d.customers.length > 0, {
    message: "none of the documented limit fields (ECOMMERCE_LIMIT, POS_LIMIT, ECOMMERCE_CUSTOMER_*)",
  });

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
