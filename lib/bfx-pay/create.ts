/**
 * `POST v2/auth/w/ext/pay/invoice/create` as Bitfinex Pay's WooCommerce plugin sends it: a
 * checkout of this app (ECOMMERCE, source "bfx_plugin"), made by the checkout engine
 * (lib/checkouts/create.ts) like any other, answered as a Bitfinex Pay invoice.
 *
 * Where we differ from Bitfinex, the plugin still gets an invoice when one can be made:
 *  - pay currencies we do not offer (MATIC, MATICM) are left out; only when none is left is the
 *    invoice refused, with a message naming them;
 *  - a duration outside our 300 s – 24 h is brought to the nearest end (the plugin's default,
 *    86399, is inside); the answer's `duration` says what applies;
 *  - customer details the plugin sends incomplete (WooCommerce billing fields may be empty) are
 *    not stored: the payment page asks the customer for them, as Bitfinex's own page would.
 */
import { isUniqueViolation } from "../db/idempotency";
import { z } from "zod";
import type { CustomerInfo } from "../bitfinex/types";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";
import { merchantView } from "../checkouts/merchant-view";
import {
  amountStringSchema,
  checkPrecision,
  customerInfoSchema,
  DURATION_DEFAULT_SECONDS,
  DURATION_MAX_SECONDS,
  DURATION_MIN_SECONDS,
  orderIdSchema,
  urlSchema,
  type CheckoutInput,
} from "../checkouts/validation";
import { FIAT_CURRENCIES, PAY_CURRENCIES } from "../currencies/pay-currencies";
import { and, eq, getViewSelectedFields } from "drizzle-orm";
import { bfxPayInvoices, checkouts } from "../db/schema";
import { invoiceRefused, paramsInvalid } from "./errors";
import { bfxInvoice } from "./invoice-view";
import type { BfxPayKey } from "./keys";

const stringish = z.union([z.string(), z.number()]).transform((v) => String(v));

const bodySchema = z.object({
  amount: stringish,
  currency: z.string(),
  payCurrencies: z.array(z.string()).min(1),
  orderId: stringish,
  duration: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  webhook: z.string().optional().nullable(),
  redirectUrl: z.string().optional().nullable(),
  customerInfo: z.record(z.string(), z.unknown()).optional().nullable(),
});

function firstIssue(error: z.ZodError): [string, string] {
  const issue = error.issues[0]!;
  return [issue.path.join(".") || "body", issue.message];
}

/** The plugin's customer details, kept only when they are complete and well formed. */
function customerInfoFrom(raw: Record<string, unknown> | null | undefined): CustomerInfo | null {
  if (!raw) return null;
  const cleaned = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => k in customerInfoSchema.shape && typeof v === "string" && v.trim() !== ""),
  );
  const parsed = customerInfoSchema.safeParse(cleaned);
  return parsed.success ? (parsed.data as CustomerInfo) : null;
}

export function clampDuration(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return DURATION_DEFAULT_SECONDS;
  return Math.min(DURATION_MAX_SECONDS, Math.max(DURATION_MIN_SECONDS, Math.trunc(seconds)));
}

/** The plugin's body → our checkout input, or a BfxError a shop customer can read. */
export function toCheckoutInput(
  body: unknown,
  deps: Pick<CheckoutDeps, "mode">,
): { input: CheckoutInput; webhook: string | null } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw paramsInvalid(...firstIssue(parsed.error));
  const b = parsed.data;
  const currency = b.currency.trim().toUpperCase();
  if (!FIAT_CURRENCIES.has(currency)) throw invoiceRefused("ERR_PAY_CURRENCY_INVALID");
  const amount = amountStringSchema.safeParse(b.amount);
  if (!amount.success)
    throw invoiceRefused(
      `The order total (${b.amount} ${currency}) cannot be paid in crypto: it ${amount.error.issues[0]!.message}.`,
    );
  const precision = z.object({}).superRefine((_, ctx) => checkPrecision(amount.data, currency, "amount", ctx));
  const precise = precision.safeParse({});
  if (!precise.success)
    throw invoiceRefused(
      `The order total (${b.amount} ${currency}) cannot be paid in crypto: ${precise.error.issues[0]!.message}.`,
    );
  const wanted = b.payCurrencies.map((c) => c.trim().toUpperCase());
  const offered = [...new Set(wanted.filter((c) => PAY_CURRENCIES.has(c)))];
  if (offered.length === 0)
    throw invoiceRefused(
      `Paying with ${wanted.join(", ")} is not available at this shop. Please choose another payment method.`,
    );
  const orderId = orderIdSchema.safeParse(b.orderId);
  if (!orderId.success) throw paramsInvalid("orderId", orderId.error.issues[0]!.message);
  const url = (field: "webhook" | "redirectUrl", raw: string | null | undefined) => {
    if (raw === undefined || raw === null || raw === "") return undefined;
    const r = urlSchema(deps.mode).safeParse(raw);
    if (!r.success) throw paramsInvalid(field, r.error.issues[0]!.message);
    return r.data;
  };
  const webhook = url("webhook", b.webhook) ?? null;
  const redirectUrl = url("redirectUrl", b.redirectUrl);
  const customerInfo = customerInfoFrom(b.customerInfo);
  return {
    webhook,
    input: {
      amount: amount.data,
      currency,
      orderId: orderId.data,
      payCurrencies: offered,
      type: "ECOMMERCE",
      duration: clampDuration(b.duration),
      ...(redirectUrl && { redirectUrl }),
      ...(customerInfo && { customerInfo }),
    },
  };
}

/**
 * Creates (or, for a replay of the same signed request, finds) the checkout. A create is one per
 * key, nonce and orderId (a unique index on the link row, written in the checkout's transaction):
 * the plugin sends a new nonce for every real attempt (a second later at the earliest), so a
 * customer paying again for a failed order gets a new invoice, and a replay makes nothing new.
 */
export async function createInvoice(deps: CheckoutDeps, key: BfxPayKey, nonce: string, body: unknown) {
  const { input, webhook } = toCheckoutInput(body, deps);
  const link = { keyId: key.id, nonce: BigInt(nonce), orderId: input.orderId };
  try {
    const { checkout } = await createCheckout(deps, input, {
      source: "bfx_plugin",
      sourceRef: key.id,
      alongside: async (tx, row) => {
        await tx.insert(bfxPayInvoices).values({ ...link, checkoutId: row.id, webhook, createdAt: row.createdAt });
      },
    });
    return bfxInvoice(merchantView(checkout, [], deps.appUrl), [], webhook);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const [earlier] = await deps.db
    .select({ checkout: getViewSelectedFields(checkouts), webhook: bfxPayInvoices.webhook })
    .from(bfxPayInvoices)
    .innerJoin(checkouts, eq(checkouts.id, bfxPayInvoices.checkoutId))
    .where(
      and(
        eq(bfxPayInvoices.keyId, link.keyId),
        eq(bfxPayInvoices.nonce, link.nonce),
        eq(bfxPayInvoices.orderId, link.orderId),
      ),
    )
    .limit(1);
  if (!earlier) throw new Error("bfx-pay: a create collided with a link that is not there");
  return bfxInvoice(merchantView(earlier.checkout, [], deps.appUrl), [], earlier.webhook);
}
