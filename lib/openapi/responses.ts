/**
 * What the API answers, as zod schemas, for the OpenAPI description (document.ts). The request
 * schemas are the ones the routes validate with; these describe the views the routes build
 * (lib/checkouts/merchant-view.ts, public-view.ts, lib/merchant/payment-links.ts, …). They are strict, and
 * document.test.ts parses real views with them, so a field added to a view without being described
 * here fails the tests instead of going undocumented.
 */
import "./zod-setup";
import { z } from "zod";
import { CHECKOUT_STATES } from "../checkouts/state-machine";
import { API_KEY_SCOPES } from "../api-scopes";
import { errorBodySchema } from "../errors/error-body";
import { invoiceTypeSchema } from "../checkouts/validation";

const isoTime = z.string().describe("ISO 8601 date-time, UTC");
/** A decimal amount as a string ("25.00", "0.00025"): amounts are never JSON numbers. */
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .describe("a decimal amount as a string, never a JSON number");
const state = z.enum(CHECKOUT_STATES);

/** Every error (lib/errors/error-body.ts is the shape), wrapped here to be registered by name. */
export const errorSchema = z.object(errorBodySchema.shape).strict();

const paymentSummary = z
  .object({
    payCurrency: z.string(),
    amountDue: decimal.nullable(),
    amountPaid: decimal,
    amountRemaining: decimal.nullable(),
    confirmations: z.number().int().nullable(),
    requiredConfirmations: z.number().int().nullable(),
  })
  .strict();

const recordedPayment = z
  .object({
    payCurrency: z.string().nullable(),
    txid: z.string().nullable(),
    amount: decimal,
    currency: z.string(),
    method: z.string().nullable(),
    status: z.string(),
    confirmations: z.number().int().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    depositId: z.number().int().nullable(),
    ledgerId: z.number().int().nullable(),
    forceCompleted: z.boolean(),
    amountDiff: z.string().nullable(),
  })
  .strict();

const invoiceSummary = z
  .object({
    rail: z.enum(["pay", "lightning"]),
    bitfinexId: z.string().nullable(),
    status: z.string().nullable(),
    paymentHash: z.string().nullable().optional(),
    amountBtc: decimal.nullable().optional(),
    rate: decimal.nullable().optional(),
    rateSource: z.string().nullable().optional(),
    rateAt: isoTime.nullable().optional(),
    createdAt: isoTime,
  })
  .strict();

/** The merchant's view of a checkout (merchantView). */
export const checkoutSchema = z
  .object({
    id: z.string().regex(/^co_/),
    object: z.literal("checkout"),
    url: z.string().describe("the payment page to send the customer to"),
    state,
    amount: decimal,
    currency: z.string(),
    orderId: z.string(),
    description: z.string().nullable(),
    payCurrencies: z.array(z.string()),
    type: invoiceTypeSchema,
    duration: z.number().int(),
    expiresAt: isoTime,
    redirectUrl: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    customerInfo: z.record(z.string(), z.string()).nullable(),
    metadata: z.record(z.string(), z.string()),
    payment: paymentSummary.nullable(),
    payments: z.array(recordedPayment),
    amountRefunded: decimal
      .nullable()
      .describe("what refunds sent so far add up to, in the currency paid; null before any"),
    paidAt: isoTime.nullable(),
    invoices: z.array(invoiceSummary),
    source: z.enum(["api", "dashboard", "link", "signed_link", "pos", "bfx_plugin", "greenfield"]),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .strict();

export const checkoutListSchema = z
  .object({ object: z.literal("list"), data: z.array(checkoutSchema), nextCursor: z.string().nullable() })
  .strict();

export const paymentLinkSchema = z
  .object({
    id: z.string().regex(/^lnk_/),
    object: z.literal("payment_link"),
    url: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    amount: decimal.nullable(),
    minAmount: decimal.nullable(),
    maxAmount: decimal.nullable(),
    presetAmounts: z
      .array(decimal)
      .describe("customer-chosen links: amounts offered as buttons on the amount page (empty otherwise)"),
    currency: z.string(),
    payCurrencies: z.array(z.string()),
    type: invoiceTypeSchema,
    duration: z.number().int(),
    redirectUrl: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    active: z.boolean(),
    createdAt: isoTime,
  })
  .strict();

export const paymentLinkListSchema = z.object({ object: z.literal("list"), data: z.array(paymentLinkSchema) }).strict();

export const signedLinkSchema = z
  .object({
    object: z.literal("signed_link"),
    url: z.string(),
    amount: decimal,
    currency: z.string(),
    orderId: z.string(),
    description: z.string().optional(),
    payCurrencies: z.array(z.string()).optional(),
    exp: z.number().int().optional(),
  })
  .strict();

export const webhookEndpointSchema = z
  .object({
    object: z.literal("webhook_endpoint"),
    url: z.string().nullable().describe("where notifications go; null: nowhere (events wait until a URL is set)"),
    urlSource: z
      .enum(["stored", "environment", "none"])
      .describe("stored: set in the dashboard or over this API; environment: MERCHANT_WEBHOOK_URL"),
    secretSource: z
      .enum(["stored", "environment"])
      .describe(
        "environment: MERCHANT_WEBHOOK_SECRET, which cannot be rotated here. The secret itself is never in this answer",
      ),
  })
  .strict();

export const apiKeySchema = z
  .object({
    object: z.literal("api_key"),
    id: z.string().describe('"env" for MERCHANT_API_KEY, else key_…'),
    name: z.string(),
    prefix: z.string().nullable().describe("the key's first characters; null for MERCHANT_API_KEY"),
    source: z.enum(["dashboard", "environment"]),
    legacy: z.boolean().describe("made before scopes existed: it keeps every scope"),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
  })
  .strict();

export const webhookSecretSchema = z
  .object({ object: z.literal("webhook_secret"), secret: z.string().describe("shown this once") })
  .strict();

export const webhookEventSchema = z
  .object({
    object: z.literal("webhook_event"),
    id: z.string().regex(/^evt_/),
    type: z.literal("test.ping"),
    status: z.enum(["pending", "delivered", "failed"]),
  })
  .strict();

/** GET /api/checkouts/{id}/status (publicStatus of statusView). */
export const checkoutStatusSchema = z
  .object({
    id: z.string(),
    state,
    final: z.boolean(),
    amount: decimal,
    currency: z.string(),
    payment: paymentSummary.extend({ fiatRemaining: decimal.nullable() }).strict().nullable(),
    expiresAt: isoTime,
    serverTime: isoTime,
  })
  .strict();

/** What the payment page gets (publicCheckoutView). */
export const publicCheckoutSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    description: z.string().nullable(),
    amount: decimal,
    currency: z.string(),
    type: invoiceTypeSchema,
    needsCustomerInfo: z.boolean(),
    redirectUrl: z.string().nullable(),
    options: z.array(
      z
        .object({
          symbol: z.string(),
          assetName: z.string(),
          networkName: z.string(),
          networkMatters: z.boolean(),
          available: z.boolean(),
        })
        .strict(),
    ),
    unavailable: z.boolean(),
    unpayable: z.boolean().describe("no offered currency can take this amount within the merchant's Bitfinex limits"),
    payment: z
      .object({
        rail: z.enum(["pay", "lightning"]),
        payCurrency: z.string(),
        assetName: z.string(),
        networkName: z.string(),
        amount: decimal,
        asset: z.string(),
        address: z.string().nullable(),
        paymentRequest: z.string().nullable(),
        expiresAt: isoTime.nullable(),
        rate: decimal.nullable(),
      })
      .strict()
      .nullable(),
    status: checkoutStatusSchema,
    transactions: z.array(z.object({ txid: z.string(), url: z.string().nullable() }).strict()),
  })
  .strict();

/** A refund (lib/refunds/queries.ts refundView). */
export const refundSchema = z
  .object({
    id: z.string().regex(/^re_/),
    object: z.literal("refund"),
    checkoutId: z.string().regex(/^co_/),
    status: z
      .enum(["sending", "sent", "failed", "unknown"])
      .describe("unknown: Bitfinex did not confirm it; settle it in the dashboard"),
    amount: decimal,
    currency: z.string().describe("the asset refunded, as paid"),
    payCurrency: z.string(),
    kind: z.enum(["full", "excess", "partial"]),
    address: z.string(),
    paymentId: z.string().nullable(),
    bitfinexRefundId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .strict();

/** A refund offered as a claim link (lib/refunds/claims.ts claimView); `url` only when it is made. */
export const refundClaimSchema = z
  .object({
    id: z.string().regex(/^rc_/),
    object: z.literal("refund_claim"),
    checkoutId: z.string().regex(/^co_/),
    status: z
      .enum(["offered", "claimed", "expired", "cancelled", "sending", "sent", "unknown", "failed"])
      .describe("offered → claimed (the customer gave an address) → approved, then its refund's status"),
    amount: decimal,
    payCurrency: z.string(),
    asset: z.string(),
    network: z.string().nullable(),
    address: z.string().nullable(),
    paymentId: z.string().nullable(),
    refundId: z.string().nullable(),
    error: z.string().nullable(),
    offeredBy: z.string(),
    approvedBy: z.string().nullable(),
    expiresAt: isoTime,
    claimedAt: isoTime.nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    url: z.string().describe("the link for the customer; shown only in this answer").optional(),
  })
  .strict();

export const refundListSchema = z.object({ object: z.literal("list"), data: z.array(refundSchema) }).strict();

/** A key for Bitfinex Pay's WooCommerce plugin (lib/bfx-pay/keys.ts keyView), never its secret. */
export const bfxPayKeySchema = z
  .object({
    id: z.string().regex(/^key_/),
    object: z.literal("bfx_pay_key"),
    name: z.string(),
    apiKey: z.string().describe('the plugin\'s "Api key" setting'),
    createdAt: isoTime,
    lastUsedAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
  })
  .strict();

const pluginUrls = {
  apiUrl: z.string().describe('the plugin\'s "Api url" setting (ends in /)'),
  redirectUrl: z.string().describe('the plugin\'s "Redirect url" setting (the invoice id is appended)'),
};

/** POST /api/v1/bfx-pay-keys: the key with its secret, shown this once, and the two URLs to paste. */
export const bfxPayKeyCreatedSchema = z
  .object({
    object: z.literal("bfx_pay_key"),
    id: z.string().regex(/^key_/),
    name: z.string(),
    apiKey: z.string().describe('the plugin\'s "Api key" setting'),
    secret: z.string().describe('the plugin\'s "Api secret" setting; shown this once'),
    createdAt: isoTime,
    ...pluginUrls,
  })
  .strict();

export const bfxPayKeyListSchema = z
  .object({ object: z.literal("list"), data: z.array(bfxPayKeySchema), ...pluginUrls })
  .strict();

export const revokedSchema = z.object({ id: z.string(), revoked: z.literal(true) }).strict();
