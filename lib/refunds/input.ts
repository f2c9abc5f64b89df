/**
 * What a merchant asks when refunding (dashboard form and merchant API alike), checked before
 * anything is written: every field named when wrong.
 */
import { z } from "zod";
import { isDecimalString } from "../money/decimal";

export const refundInputSchema = z
  .object({
    /** "full": everything not yet refunded; "excess": what was paid over the amount due; or a decimal string. */
    // A plain positive decimal: no sign, no exponent, not zero (checked here, before anything is read).
    amount: z.union(
      [
        z.literal("full"),
        z.literal("excess"),
        z
          .string()
          .trim()
          .refine(
            (v) => /^\d+(\.\d+)?$/.test(v) && isDecimalString(v) && /[1-9]/.test(v),
            'must be "full", "excess" or a decimal string above zero such as "0.0001"',
          ),
      ],
      {
        error: 'must be "full", "excess" or a decimal string such as "0.0001"',
      },
    ),
    /** Optional check: the currency the customer paid in (asset such as "BTC", or its pay symbol). */
    currency: z.string().trim().min(1).max(20).optional(),
    address: z.string({ error: "is required" }).trim().min(1, "is required").max(128, "is too long"),
    /** Tag / memo for chains that need one. */
    paymentId: z.string().trim().max(64, "is too long").optional(),
  })
  .strict();

export type RefundInput = z.infer<typeof refundInputSchema>;

/** Offering a refund as a claim link (lib/refunds/claims.ts): the customer gives the address. */
export const claimOfferSchema = z
  .object({
    claim: z.literal(true).describe("offer the refund as a claim link instead of sending it to an address"),
    amount: z
      .union([z.literal("full"), z.string().regex(/^\d+(\.\d+)?$/)])
      .describe('"full" or a decimal string in the currency paid'),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(720)
      .optional()
      .describe("how long the link can be claimed; 168 (a week) by default"),
  })
  .strict();
