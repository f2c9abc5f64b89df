/**
 * Editing a payment link (dashboard and PATCH /api/v1/payment-links/{id}): any field the link was
 * created with, plus `active`. The change is laid over the link as it is and the result is checked
 * with the same rules as a new link, so an edit can never leave a link that could not have been
 * created (a fixed amount beside a range, presets outside the range…). `null` clears an optional
 * field; sending `amount: null` turns a fixed-amount link into a customer-chosen one.
 * Checkouts already made from the link keep what they were made with.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { CheckoutDeps } from "../checkouts/deps";
import { paymentLinks } from "../db/schema";
import { parseInput, notFound } from "../errors/api-error";
import { isId } from "../ids";
import {
  findPaymentLink,
  paymentLinkFieldsSchema,
  paymentLinkInputSchema,
  paymentLinkView,
  type PaymentLinkRow,
} from "./payment-links";

/** Fields that may be cleared with null (the others are required on every link). */
const CLEARABLE = [
  "description",
  "amount",
  "minAmount",
  "maxAmount",
  "presetAmounts",
  "redirectUrl",
  "webhookUrl",
] as const;
const EDITABLE = ["name", "currency", "payCurrencies", "type", "duration", ...CLEARABLE] as const;

const shapeSchema = z
  .object({
    ...Object.fromEntries(EDITABLE.map((k) => [k, z.unknown().optional()])),
    active: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { path: ["body"], message: "must change at least one field" });

/**
 * The PATCH body as the API reference describes it (lib/openapi): every field optional, the
 * clearable ones nullable, and `active`. Requests are checked by updatePaymentLink below, which
 * applies the same field rules and the rules between fields to the link as it would become.
 */
export function paymentLinkPatchSchema() {
  const fields = paymentLinkFieldsSchema("live").partial();
  const clearable = Object.fromEntries(CLEARABLE.map((k) => [k, fields.shape[k].nullable()]));
  return fields.extend({ ...clearable, active: z.boolean().optional() }).strict();
}

export async function updatePaymentLink(deps: CheckoutDeps, id: string, body: unknown): Promise<PaymentLinkRow> {
  if (!isId(id, "lnk")) throw notFound("This payment link");
  const shape = parseInput(shapeSchema, body);
  const link = await findPaymentLink(deps, id);
  if (!link) throw notFound("This payment link");
  const patch = shape as Record<string, unknown>;
  // The link as a create request (fiat strings, not padded numerics), then the change on top.
  const view = paymentLinkView(link, "");
  const merged: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const value = key in patch ? patch[key] : view[key];
    if (
      value !== null &&
      value !== undefined &&
      !(key === "presetAmounts" && Array.isArray(value) && value.length === 0)
    )
      merged[key] = value;
  }
  for (const key of CLEARABLE) if (patch[key] === null) delete merged[key];
  // A link changed to a fixed amount drops the range and presets it had, unless they were sent too.
  if (typeof patch.amount === "string")
    for (const key of ["minAmount", "maxAmount", "presetAmounts"] as const) if (!(key in patch)) delete merged[key];
  const v = parseInput(paymentLinkInputSchema(deps.mode), merged);
  const [row] = await deps.db
    .update(paymentLinks)
    .set({
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
      ...(patch.active !== undefined && { active: patch.active as boolean }),
    })
    .where(eq(paymentLinks.id, id))
    .returning();
  if (!row) throw notFound("This payment link");
  return row;
}
