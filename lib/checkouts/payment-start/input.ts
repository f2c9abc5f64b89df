/** What POST /api/checkouts/{id}/payment accepts (also described in the OpenAPI document). */
import { z } from "zod";
import { parseInput } from "../../errors/api-error";
import { customerInfoSchema } from "../validation";

export const startPaymentInputSchema = z
  .object({
    payCurrency: z
      .string({ error: "is required: the currency the customer wants to pay with" })
      .max(20, "is not a known pay currency"),
    customerInfo: customerInfoSchema.optional(),
    /** Sent by the details form, which cannot be submitted without ticking Bitfinex's terms. */
    tosAccepted: z.literal(true, { error: "must be true when given" }).optional(),
  })
  .strict();

export type StartPaymentInput = z.infer<typeof startPaymentInputSchema>;

/** The body, or the API's field error naming what is wrong. */
export function parseStartPayment(body: unknown): StartPaymentInput {
  return parseInput(startPaymentInputSchema, body);
}
