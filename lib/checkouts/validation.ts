/**
 * What a merchant (or a customer's form) may send, as schemas. Every rule names its field and
 * says why in words; nothing is coerced silently. Amounts are decimal strings, never numbers.
 */
import { z } from "zod";
import type { Mode } from "../env";
import { isCountryCode } from "../geo/countries";
import { FIAT_CURRENCIES, PAY_CURRENCIES } from "../currencies/pay-currencies";
import { decimalPlaces, isDecimalString, money } from "../money/decimal";
import { urlProblem } from "../net/url-rules";

export const DURATION_MIN_SECONDS = 300; // Bitfinex Pay's minimum
export const DURATION_MAX_SECONDS = 86_400; // the smaller of the two maxima Bitfinex has documented
export const DURATION_DEFAULT_SECONDS = 900;
/** A sanity ceiling: larger orders are almost certainly a typo (cents sent as units, say). */
export const MAX_FIAT_AMOUNT = "1000000";
export const DEFAULT_PAY_CURRENCIES = ["BTC", "LNX", "ETH", "UST-ETH", "UST-TRX"];

// C0/C1 controls (newline and tab allowed where `multiline`), and the bidi overrides and
// isolates that can make text read differently from what it is ("Trojan Source").
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

export function text(max: number, opts: { multiline?: boolean; min?: number } = {}) {
  return z
    .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(opts.min ?? 1, opts.min ? `must be at least ${opts.min} characters` : "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !(opts.multiline ? CONTROL : CONTROL_SINGLE_LINE).test(s), "must not contain control characters")
    .refine((s) => !BIDI.test(s), "must not contain text-direction control characters");
}

export const orderIdSchema = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .regex(/^[A-Za-z0-9._:#/-]{1,64}$/, "must be 1 to 64 characters: letters, digits and . _ : # / -");

export const fiatCurrencySchema = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .refine((c) => FIAT_CURRENCIES.has(c), `must be one of ${[...FIAT_CURRENCIES.keys()].join(", ")}`);

/** A positive decimal string within `currency`'s precision (checked against the sibling field). */
export const amountStringSchema = z
  .string({
    error: (i) =>
      i.input === undefined
        ? "is required"
        : typeof i.input === "number"
          ? 'must be a string such as "10.00", not a number'
          : "must be a string",
  })
  .refine(isDecimalString, 'must be a plain decimal such as "10.00" (no exponent, sign or spaces)')
  .refine((a) => !isDecimalString(a) || money(a).gt(0), "must be greater than zero")
  .refine((a) => !isDecimalString(a) || money(a).lte(MAX_FIAT_AMOUNT), `must be at most ${MAX_FIAT_AMOUNT}`);

/** Adds the precision rule: `amount` has no more decimals than its currency allows. */
export function checkPrecision(
  amount: string | null | undefined,
  currency: string,
  field: string,
  ctx: z.RefinementCtx,
) {
  const places = FIAT_CURRENCIES.get(currency);
  if (amount == null || places === undefined || !isDecimalString(amount)) return;
  if (decimalPlaces(amount) > places) {
    ctx.addIssue({
      code: "custom",
      path: [field],
      message:
        places === 0 ? `${currency} amounts have no decimals` : `${currency} amounts have at most ${places} decimals`,
    });
  }
}

export const payCurrenciesSchema = z
  .array(
    // "btc" means BTC: symbols are matched in capitals, as Bitfinex writes them.
    z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => PAY_CURRENCIES.has(s), `must be one of ${[...PAY_CURRENCIES.keys()].join(", ")}`),
    { error: 'must be a list of pay currencies such as ["BTC", "LNX"]' },
  )
  .min(1, "must name at least one pay currency")
  .max(PAY_CURRENCIES.size, "lists too many currencies")
  .refine((l) => new Set(l).size === l.length, "must not repeat a currency");

export const durationSchema = z
  .number({ error: "must be a whole number of seconds" })
  .int("must be a whole number of seconds")
  .min(DURATION_MIN_SECONDS, `must be at least ${DURATION_MIN_SECONDS} seconds (Bitfinex's minimum)`)
  .max(DURATION_MAX_SECONDS, `must be at most ${DURATION_MAX_SECONDS} seconds (24 hours)`);

/** http(s) URLs only; https in live mode; no credentials; no javascript:, data: or anything else. */
export function urlSchema(mode: Mode) {
  return z
    .string({ error: "must be a URL string" })
    .max(2048, "must be at most 2048 characters")
    .superRefine((raw, ctx) => {
      const problem = urlProblem(raw, mode);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

export const customerInfoSchema = z
  .object({
    fullName: text(100),
    email: z
      .string({ error: "is required" })
      .trim()
      .max(254, "must be at most 254 characters")
      .pipe(z.email("must be an email address")),
    nationality: z
      .string({ error: "is required" })
      .refine(isCountryCode, "must be an ISO 3166 two-letter country code such as DE"),
    residCountry: z
      .string({ error: "is required" })
      .refine(isCountryCode, "must be an ISO 3166 two-letter country code such as GB"),
    residState: text(100).optional(),
    residCity: text(100),
    residZipCode: text(20),
    residStreet: text(200),
    residBuildingNo: text(20).optional(),
  })
  .strict();

export const metadataSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, "keys are 1 to 40 letters, digits, _ . or -"),
    z.string({ error: "values must be strings" }).max(500, "values must be at most 500 characters"),
    { error: "must be an object of string values" },
  )
  .refine((m) => Object.keys(m).length <= 20, "must have at most 20 keys");

export const invoiceTypeSchema = z.enum(["ECOMMERCE", "POS"], { error: "must be ECOMMERCE or POS" });

/** What a checkout gets when the request leaves a field out (the dashboard's settings can change them). */
export interface CheckoutDefaults {
  payCurrencies: string[];
  duration: number;
}

export function checkoutInputSchema(
  mode: Mode,
  defaults: CheckoutDefaults = { payCurrencies: DEFAULT_PAY_CURRENCIES, duration: DURATION_DEFAULT_SECONDS },
) {
  return z
    .object({
      amount: amountStringSchema,
      currency: fiatCurrencySchema,
      orderId: orderIdSchema,
      description: text(500, { multiline: true }).optional(),
      payCurrencies: payCurrenciesSchema.default(defaults.payCurrencies),
      type: invoiceTypeSchema.default("POS"),
      duration: durationSchema.default(defaults.duration),
      redirectUrl: urlSchema(mode).optional(),
      webhookUrl: urlSchema(mode).optional(),
      customerInfo: customerInfoSchema.optional(),
      metadata: metadataSchema.optional(),
    })
    .strict()
    .superRefine((input, ctx) => {
      checkPrecision(input.amount, input.currency, "amount", ctx);
      if (input.type === "POS" && input.customerInfo) {
        ctx.addIssue({
          code: "custom",
          path: ["customerInfo"],
          message: "is only for ECOMMERCE checkouts; POS checkouts carry no customer info",
        });
      }
    });
}

export type CheckoutInput = z.output<ReturnType<typeof checkoutInputSchema>>;
