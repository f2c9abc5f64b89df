/**
 * Greenfield invoices as this app's checkouts: `POST stores/{s}/invoices` makes a checkout with
 * the checkout engine (source "greenfield", the same payment page and the same notifications to
 * the merchant's own webhook endpoint), `GET …/invoices/{id}` and `…/payment-methods` read it,
 * `POST …/status {status: "Invalid"}` expires it. The plugin's `metadata` and `checkout` options
 * are kept as sent (greenfield_invoices) and answered back, as BTCPay does.
 */
import { eq, getViewSelectedFields } from "drizzle-orm";
import { z } from "zod";
import { cryptoString, fiatString } from "../checkouts/amounts";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";

import { isPayable, isSettled } from "../checkouts/state-machine";
import {
  amountStringSchema,
  checkPrecision,
  DURATION_MAX_SECONDS,
  DURATION_MIN_SECONDS,
  orderIdSchema,
  urlSchema,
  type CheckoutDefaults,
  type CheckoutInput,
} from "../checkouts/validation";
import { FIAT_CURRENCIES, PAY_CURRENCIES } from "../currencies/pay-currencies";
import type { Db } from "../db/connect";
import { checkouts, greenfieldInvoices, type CheckoutRow, type InvoiceRow } from "../db/schema";
import { isId } from "../ids";
import { Money, toAmountString } from "../money/decimal";
import { randomBytes } from "node:crypto";
import { expireCheckoutNow } from "../dashboard/checkout-actions";
import { invoiceNotFound, validation } from "./errors";
import { STORE_ID } from "./facts";
import { greenfieldStatus } from "./status";
import { openInvoiceOn, railView } from "../checkouts/rails/views";

type Problem = { path: string; message: string };

/** A Greenfield payment method id → our pay currency: our own symbols, `_` for `-` (the WooCommerce plugin's class names), and BTCPay's Bitcoin ids. */
const ALIASES: Record<string, string> = {
  "BTC-CHAIN": "BTC",
  "BTC-ONCHAIN": "BTC",
  "BTC-LN": "LNX",
  "BTC-LIGHTNING": "LNX",
  "BTC-LIGHTNINGNETWORK": "LNX",
  "BTC-LNURL": "LNX",
  "BTC-LNURLPAY": "LNX",
};
export function payCurrencyOf(methodId: string): string | null {
  const id = methodId.trim().toUpperCase().replace(/_/g, "-");
  if (PAY_CURRENCIES.has(id)) return id;
  return ALIASES[id] ?? null;
}

const nullable = <T extends z.ZodTypeAny>(s: T) => s.nullish();
const checkoutOptionsSchema = z
  .object({
    paymentMethods: nullable(z.array(z.string(), { error: "must be a list of payment method ids" })),
    expirationMinutes: nullable(z.number({ error: "must be a number of minutes" })),
    redirectURL: nullable(z.string({ error: "must be a URL" })),
  })
  .passthrough();
const bodySchema = z
  .object({
    amount: z.unknown().optional(),
    currency: nullable(z.string({ error: "must be a currency code such as USD" })),
    metadata: nullable(z.record(z.string(), z.unknown(), { error: "must be an object" })),
    checkout: nullable(checkoutOptionsSchema),
  })
  .passthrough();

const generatedOrderId = () => `gf-${randomBytes(8).toString("hex")}`;

/**
 * The plugin's request → our checkout input, or a 422 listing every field at fault (Greenfield's
 * validation answer). Nulls mean "not given". Amount: a decimal string (a JSON number is read
 * digit for digit by the caller and passed as its literal).
 */
export function toCheckoutInput(
  body: unknown,
  amountLiteral: string | null,
  mode: "sandbox" | "live",
  defaults: CheckoutDefaults,
): { input: CheckoutInput; metadata: Record<string, unknown>; checkoutOptions: Record<string, unknown> } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success)
    throw validation(parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })));
  const b = parsed.data;
  const problems: Problem[] = [];
  const currency = (b.currency ?? "").trim().toUpperCase();
  if (!currency) problems.push({ path: "currency", message: "is required (this server has no default currency)" });
  else if (!FIAT_CURRENCIES.has(currency))
    problems.push({ path: "currency", message: `must be one of ${[...FIAT_CURRENCIES.keys()].join(", ")}` });
  let amount = "";
  if (amountLiteral === null)
    problems.push({ path: "amount", message: "is required (invoices without an amount are not supported)" });
  else {
    const a = amountStringSchema.safeParse(amountLiteral);
    if (!a.success) problems.push({ path: "amount", message: a.error.issues[0]!.message });
    else {
      amount = a.data;
      if (currency && FIAT_CURRENCIES.has(currency)) {
        const p = z
          .object({})
          .superRefine((_, ctx) => checkPrecision(amount, currency, "amount", ctx))
          .safeParse({});
        if (!p.success) problems.push({ path: "amount", message: p.error.issues[0]!.message });
      }
    }
  }
  const metadata = b.metadata ?? {};
  const rawOrderId = metadata.orderId;
  let orderId = generatedOrderId();
  if (rawOrderId !== undefined && rawOrderId !== null && rawOrderId !== "") {
    const o = orderIdSchema.safeParse(typeof rawOrderId === "number" ? String(rawOrderId) : rawOrderId);
    if (!o.success) problems.push({ path: "metadata.orderId", message: o.error.issues[0]!.message });
    else orderId = o.data;
  }
  const options = b.checkout ?? {};
  let payCurrencies = defaults.payCurrencies;
  if (options.paymentMethods && options.paymentMethods.length > 0) {
    const wanted = options.paymentMethods.map((m) => [m, payCurrencyOf(m)] as const);
    const unknown = wanted.filter(([, c]) => c === null).map(([m]) => m);
    if (unknown.length > 0)
      problems.push({
        path: "checkout.paymentMethods",
        message: `${unknown.join(", ")} not offered here; the store's payment methods are ${[...PAY_CURRENCIES.keys()].join(", ")}`,
      });
    payCurrencies = [...new Set(wanted.map(([, c]) => c).filter((c): c is string => c !== null))];
  }
  let duration = defaults.duration;
  if (options.expirationMinutes !== null && options.expirationMinutes !== undefined) {
    const seconds = Math.round(options.expirationMinutes * 60);
    if (!Number.isFinite(seconds) || seconds < DURATION_MIN_SECONDS || seconds > DURATION_MAX_SECONDS)
      problems.push({
        path: "checkout.expirationMinutes",
        message: `must be between ${DURATION_MIN_SECONDS / 60} and ${DURATION_MAX_SECONDS / 60} minutes`,
      });
    else duration = seconds;
  }
  let redirectUrl: string | undefined;
  if (options.redirectURL) {
    const r = urlSchema(mode).safeParse(options.redirectURL);
    if (!r.success) problems.push({ path: "checkout.redirectURL", message: r.error.issues[0]!.message });
    else redirectUrl = r.data;
  }
  if (problems.length > 0) throw validation(problems);
  return {
    input: {
      amount,
      currency,
      orderId,
      payCurrencies,
      type: "ECOMMERCE",
      duration,
      ...(redirectUrl && { redirectUrl }),
    },
    metadata: { ...metadata, orderId: rawOrderId ?? orderId },
    checkoutOptions: options,
  };
}

export async function createGreenfieldInvoice(
  deps: CheckoutDeps,
  body: unknown,
  amountLiteral: string | null,
  defaults: CheckoutDefaults,
) {
  const { input, metadata, checkoutOptions } = toCheckoutInput(body, amountLiteral, deps.mode, defaults);
  const { checkout } = await createCheckout(deps, input, {
    source: "greenfield",
    alongside: async (tx, row) => {
      await tx
        .insert(greenfieldInvoices)
        .values({ checkoutId: row.id, metadata, checkoutOptions, createdAt: row.createdAt });
    },
  });
  return invoiceView(checkout, { metadata, checkoutOptions, markedInvalidAt: null }, deps.appUrl);
}

export interface GreenfieldExtra {
  metadata: Record<string, unknown>;
  checkoutOptions: Record<string, unknown>;
  markedInvalidAt: Date | null;
}

/** Any checkout of this app is an invoice of the one store; one not made through Greenfield has our metadata. */
export async function findInvoice(db: Db, id: string): Promise<{ row: CheckoutRow; extra: GreenfieldExtra }> {
  if (!isId(id, "co")) throw invoiceNotFound();
  const [found] = await db
    .select({ row: getViewSelectedFields(checkouts), gf: greenfieldInvoices })
    .from(checkouts)
    .leftJoin(greenfieldInvoices, eq(greenfieldInvoices.checkoutId, checkouts.id))
    .where(eq(checkouts.id, id))
    .limit(1);
  if (!found) throw invoiceNotFound();
  const extra = found.gf
    ? {
        metadata: found.gf.metadata,
        checkoutOptions: found.gf.checkoutOptions,
        markedInvalidAt: found.gf.markedInvalidAt,
      }
    : {
        metadata: { orderId: found.row.orderId, ...(found.row.metadata ?? {}) },
        checkoutOptions: {},
        markedInvalidAt: null,
      };
  return { row: found.row, extra };
}

export const checkoutLink = (appUrl: string, id: string) => `${appUrl}/i/${id}`;
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** InvoiceData (swagger): what create, read and mark answer, and what webhooks carry as `metadata`. */
export function invoiceView(row: CheckoutRow, extra: GreenfieldExtra, appUrl: string) {
  const { status, additionalStatus } = greenfieldStatus({
    state: row.state,
    amountDue: row.amountDue,
    amountPaid: row.amountPaid,
    markedInvalid: extra.markedInvalidAt !== null,
  });
  const o = extra.checkoutOptions;
  return {
    id: row.id,
    storeId: STORE_ID,
    amount: fiatString(row.amount, row.currency),
    currency: row.currency,
    type: "Standard",
    checkoutLink: checkoutLink(appUrl, row.id),
    createdTime: unix(row.createdAt),
    expirationTime: unix(row.expiresAt),
    monitoringExpiration: unix(row.expiresAt) + 3600,
    status,
    additionalStatus,
    archived: false,
    availableStatusesForManualMarking: isPayable(row.state) ? ["Invalid"] : [],
    metadata: extra.metadata,
    checkout: {
      speedPolicy: o.speedPolicy ?? "MediumSpeed",
      paymentMethods: row.payCurrencies,
      defaultPaymentMethod: o.defaultPaymentMethod ?? null,
      lazyPaymentMethods: false,
      expirationMinutes: row.durationSeconds / 60,
      monitoringMinutes: 60,
      paymentTolerance: 0,
      redirectURL: row.redirectUrl,
      redirectAutomatically: true,
      requiresRefundEmail: false,
      checkoutType: "V2",
      defaultLanguage: o.defaultLanguage ?? null,
    },
    receipt: { enabled: false, showQR: null, showPayments: null },
  };
}

/**
 * InvoicePaymentMethodDataModel per pay currency of the checkout. Amounts in the pay currency are
 * known once the customer chose one (Bitfinex prices the invoice then): that one carries `amount`,
 * `due`, `rate` and the payments; the others are listed with zeros and `activated: false`.
 */
export function invoicePaymentMethods(row: CheckoutRow, invoices: InvoiceRow[]) {
  const chosen = row.payCurrency;
  const addresses = invoices.flatMap((i) => (i.status === "open" ? railView(i.rail).addresses(i) : []));
  const lightning = openInvoiceOn(invoices, "lightning");
  return row.payCurrencies.map((symbol) => {
    const isChosen = symbol === chosen && row.amountDue !== null;
    const due = isChosen ? row.amountDue! : "0";
    const paid = isChosen ? (row.amountPaid ?? "0") : "0";
    const left = new Money(due).sub(paid);
    const entry = addresses.find((a) => a.payCurrency === PAY_CURRENCIES.get(symbol)?.asset);
    const destination =
      symbol === "LNX" ? (lightning?.paymentRequest ?? null) : isChosen ? (entry?.address ?? null) : null;
    const payments = isChosen
      ? (row.payments ?? []).map((p, i) => ({
          id: p.txid ?? `${row.id}-${i}`,
          receivedDate: p.createdAt ? Math.floor(Date.parse(p.createdAt) / 1000) : unix(row.updatedAt),
          value: cryptoString(p.amount),
          fee: "0",
          status: (p.confirmations ?? 0) > 0 || isSettled(row.state) ? "Settled" : "Processing",
          destination,
        }))
      : [];
    return {
      paymentMethodId: symbol,
      paymentMethod: symbol,
      cryptoCode: PAY_CURRENCIES.get(symbol)?.asset ?? symbol,
      currency: PAY_CURRENCIES.get(symbol)?.asset ?? symbol,
      destination,
      paymentLink: null,
      rate: isChosen ? toAmountString(new Money(row.amount).div(row.amountDue!)) : "0",
      paymentMethodPaid: cryptoString(paid),
      totalPaid: cryptoString(paid),
      due: toAmountString(left.isNegative() ? new Money(0) : left),
      amount: cryptoString(due),
      networkFee: "0",
      paymentMethodFee: "0",
      payments,
      activated: isChosen,
      additionalData: {},
    };
  });
}

/**
 * `POST …/status {status}`. "Invalid" on an invoice still awaiting payment (or part paid) expires
 * the checkout as the dashboard's Expire does (Bitfinex's invoice too) and answers Invalid/Marked;
 * on any other state it is refused with 422, as BTCPay refuses a mark it cannot make: a paid
 * invoice stays paid (refund it from the dashboard). "Settled" is refused: money is never marked
 * as received here; the dashboard's "complete by hand" records the Bitfinex deposit that proves it.
 */
export async function markInvoice(deps: CheckoutDeps, id: string, body: unknown) {
  const status = (body as { status?: unknown } | null)?.status;
  if (status !== "Invalid" && status !== "Settled")
    throw validation([{ path: "status", message: 'must be "Invalid" or "Settled"' }]);
  const { row } = await findInvoice(deps.db, id);
  if (status === "Settled")
    throw validation([
      {
        path: "status",
        message:
          "marking an invoice Settled is not supported: complete a payment from the dashboard, with the Bitfinex deposit that proves it",
      },
    ]);
  if (!isPayable(row.state))
    throw validation([
      {
        path: "status",
        message: `an invoice can be marked Invalid only while it awaits payment (it is ${row.state.replace("_", " ")})`,
      },
    ]);
  await deps.db
    .update(greenfieldInvoices)
    .set({ markedInvalidAt: new Date(deps.now()) })
    .where(eq(greenfieldInvoices.checkoutId, id));
  await expireCheckoutNow(deps, id);
  const again = await findInvoice(deps.db, id);
  return invoiceView(again.row, again.extra, deps.appUrl);
}
