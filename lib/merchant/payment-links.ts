/**
 * Reusable payment links (fixed or customer-chosen amount): each visit creates a fresh checkout
 * with a generated order id. And the checkout behind a signed static link, which is reused while
 * it is open or paid so one link cannot be paid twice.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";
import type { CheckoutRow } from "../db/schema";
import {
  amountStringSchema,
  checkPrecision,
  DEFAULT_PAY_CURRENCIES,
  DURATION_DEFAULT_SECONDS,
  durationSchema,
  fiatCurrencySchema,
  invoiceTypeSchema,
  payCurrenciesSchema,
  text,
  urlSchema,
  type CheckoutInput,
} from "../checkouts/validation";
import type { Mode } from "../env";
import { checkouts, paymentLinks } from "../db/schema";
import { ApiError, parseInput } from "../errors/api-error";
import { isId, newId } from "../ids";
import { isDecimalString, Money } from "../money/decimal";
import { fiatString } from "../checkouts/amounts";
import type { SignedLinkParams } from "./signed-links";

export type PaymentLinkRow = typeof paymentLinks.$inferSelect;

/** A payment link's fields, each with its own rule (the rules between fields are below). */
export function paymentLinkFieldsSchema(mode: Mode) {
  return z
    .object({
      name: text(100),
      description: text(500, { multiline: true }).optional(),
      amount: amountStringSchema.optional(),
      minAmount: amountStringSchema.optional(),
      maxAmount: amountStringSchema.optional(),
      /** Customer-chosen links: amounts offered as one-tap buttons on the amount page. */
      presetAmounts: z
        .array(amountStringSchema, { error: 'must be a list of amounts such as ["10.00", "25.00"]' })
        .max(6, "must list at most 6 amounts")
        .optional(),
      currency: fiatCurrencySchema,
      payCurrencies: payCurrenciesSchema.default(DEFAULT_PAY_CURRENCIES),
      type: invoiceTypeSchema.default("POS"),
      duration: durationSchema.default(DURATION_DEFAULT_SECONDS),
      redirectUrl: urlSchema(mode).optional(),
      webhookUrl: urlSchema(mode).optional(),
    })
    .strict();
}

export function paymentLinkInputSchema(mode: Mode) {
  return paymentLinkFieldsSchema(mode).superRefine((v, ctx) => {
    for (const f of ["amount", "minAmount", "maxAmount"] as const) checkPrecision(v[f], v.currency, f, ctx);
    if (v.amount && (v.minAmount || v.maxAmount)) {
      ctx.addIssue({
        code: "custom",
        path: [v.minAmount ? "minAmount" : "maxAmount"],
        message: "is only for links where the customer chooses the amount (leave amount out)",
      });
    }
    if (v.minAmount && v.maxAmount && new Money(v.minAmount).gt(v.maxAmount)) {
      ctx.addIssue({ code: "custom", path: ["maxAmount"], message: "must not be less than minAmount" });
    }
    checkPresets(v, ctx);
  });
}

/** Presets belong to customer-chosen links, each a payable amount within the link's range. */
function checkPresets(
  v: { amount?: string; minAmount?: string; maxAmount?: string; presetAmounts?: string[]; currency: string },
  ctx: z.RefinementCtx,
) {
  const presets = v.presetAmounts ?? [];
  if (presets.length > 0 && v.amount) {
    ctx.addIssue({
      code: "custom",
      path: ["presetAmounts"],
      message: "is only for links where the customer chooses the amount (leave amount out)",
    });
    return;
  }
  const seen = new Set<string>();
  presets.forEach((p, i) => {
    checkPrecision(p, v.currency, `presetAmounts[${i}]`, ctx);
    if (!isDecimalString(p)) return;
    const key = new Money(p).toFixed();
    if (seen.has(key))
      ctx.addIssue({ code: "custom", path: ["presetAmounts", i], message: "must not repeat an amount" });
    seen.add(key);
    if (v.minAmount && new Money(p).lt(v.minAmount))
      ctx.addIssue({ code: "custom", path: ["presetAmounts", i], message: "must not be less than minAmount" });
    if (v.maxAmount && new Money(p).gt(v.maxAmount))
      ctx.addIssue({ code: "custom", path: ["presetAmounts", i], message: "must not be more than maxAmount" });
  });
}

export async function createPaymentLink(deps: CheckoutDeps, body: unknown): Promise<PaymentLinkRow> {
  const v = parseInput(paymentLinkInputSchema(deps.mode), body);
  const [row] = await deps.db
    .insert(paymentLinks)
    .values({
      id: newId("lnk"),
      name: v.name,
      description: v.description ?? null,
      amount: v.amount ?? null,
      minAmount: v.amount ? null : (v.minAmount ?? null),
      maxAmount: v.amount ? null : (v.maxAmount ?? null),
      presetAmounts: v.amount || !v.presetAmounts?.length ? null : v.presetAmounts,
      currency: v.currency,
      payCurrencies: v.payCurrencies,
      type: v.type,
      durationSeconds: v.duration,
      redirectUrl: v.redirectUrl ?? null,
      webhookUrl: v.webhookUrl ?? null,
      createdAt: new Date(deps.now()),
    })
    .returning();
  return row!;
}

export async function listPaymentLinks(deps: CheckoutDeps): Promise<PaymentLinkRow[]> {
  return deps.db.select().from(paymentLinks).orderBy(desc(paymentLinks.createdAt));
}

export async function findPaymentLink(deps: CheckoutDeps, id: string): Promise<PaymentLinkRow | null> {
  if (!isId(id, "lnk")) return null;
  const [row] = await deps.db.select().from(paymentLinks).where(eq(paymentLinks.id, id)).limit(1);
  return row ?? null;
}

export function paymentLinkView(link: PaymentLinkRow, appUrl: string) {
  const fiat = (a: string | null) => (a === null ? null : fiatString(a, link.currency));
  return {
    id: link.id,
    object: "payment_link" as const,
    url: `${appUrl}/l/${link.id}`,
    name: link.name,
    description: link.description,
    amount: fiat(link.amount),
    minAmount: fiat(link.minAmount),
    maxAmount: fiat(link.maxAmount),
    presetAmounts: (link.presetAmounts ?? []).map((a) => fiatString(a, link.currency)),
    currency: link.currency,
    payCurrencies: link.payCurrencies,
    type: link.type,
    duration: link.durationSeconds,
    redirectUrl: link.redirectUrl,
    webhookUrl: link.webhookUrl,
    active: link.active,
    createdAt: link.createdAt.toISOString(),
  };
}

/** What is wrong with a customer-chosen amount for this link, in words; null when it is fine. */
export function linkAmountProblem(link: PaymentLinkRow, amount: string | null): string | null {
  if (!amount) return "is required";
  const check = z
    .object({ amount: amountStringSchema })
    .superRefine((v, ctx) => checkPrecision(v.amount, link.currency, "amount", ctx))
    .safeParse({ amount });
  if (!check.success) return check.error.issues[0]!.message;
  if (link.minAmount && new Money(amount).lt(link.minAmount))
    return `must be at least ${fiatString(link.minAmount, link.currency)} ${link.currency}`;
  if (link.maxAmount && new Money(amount).gt(link.maxAmount))
    return `must be at most ${fiatString(link.maxAmount, link.currency)} ${link.currency}`;
  return null;
}

export const linkDisabled = () =>
  new ApiError({
    code: "link_disabled",
    message: "This payment link has been turned off by the merchant.",
  });

/** A visit: a new checkout for this link. `chosenAmount` is required exactly when the link has no amount. */
export async function checkoutFromLink(
  deps: CheckoutDeps,
  link: PaymentLinkRow,
  chosenAmount: string | null,
): Promise<CheckoutRow> {
  if (!link.active) throw linkDisabled();
  const amount = link.amount ? fiatString(link.amount, link.currency) : chosenAmount;
  if (!link.amount) {
    const problem = linkAmountProblem(link, amount);
    if (problem) throw new ApiError({ code: "invalid_field", message: `amount: ${problem}`, field: "amount" });
  }
  const input: CheckoutInput = {
    amount: amount!,
    currency: link.currency,
    orderId: `link-${randomBytes(6).toString("hex")}`,
    description: link.description ?? link.name,
    payCurrencies: link.payCurrencies,
    type: link.type,
    duration: link.durationSeconds,
    redirectUrl: link.redirectUrl ?? undefined,
    webhookUrl: link.webhookUrl ?? undefined,
  };
  return (await createCheckout(deps, input, { source: "link", sourceRef: link.id })).checkout;
}

/**
 * The checkout for a verified signed link: the same one while it is open or paid, a new one after it
 * expired. `beforeCreate` runs only when a new checkout is about to be made (and may throw).
 */
export async function checkoutFromSignedLink(
  deps: CheckoutDeps,
  params: SignedLinkParams,
  signature: string,
  beforeCreate?: () => void | Promise<void>,
): Promise<CheckoutRow> {
  const [latest] = await deps.db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.source, "signed_link"), eq(checkouts.sourceRef, signature)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1);
  if (latest && latest.state !== "expired") return latest;
  await beforeCreate?.(); // e.g. the per-client creation limit, which may refuse
  const input: CheckoutInput = {
    amount: params.amount,
    currency: params.currency,
    orderId: params.orderId,
    description: params.description,
    payCurrencies: params.payCurrencies ?? DEFAULT_PAY_CURRENCIES,
    type: "POS",
    duration: DURATION_DEFAULT_SECONDS,
  };
  // Keyed on the link and the checkout it replaces, so two tabs opening it at once share one checkout.
  const idempotency = { scope: "signed_link", key: `${signature}:${latest?.id ?? "first"}`, request: input };
  const sourceExp = params.exp ?? 0;
  return (await createCheckout(deps, input, { source: "signed_link", sourceRef: signature, sourceExp, idempotency }))
    .checkout;
}
