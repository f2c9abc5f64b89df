/**
 * A sale rung up on the point-of-sale terminal (/dashboard/pos): a checkout of Bitfinex Pay's
 * invoice type POS, like any other (in the list, the CSV and the webhooks), with an order id made
 * here and `source: "pos"` so the merchant can tell terminal sales apart. The terminal sends an
 * idempotency key per sale, so a double tap on "Charge" makes one checkout.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";
import type { CheckoutRow } from "../checkouts/repository";
import { checkoutInputSchema, type CheckoutDefaults } from "../checkouts/validation";
import { parseInput } from "../errors/api-error";

/** What the terminal sends: the keypad's amount and the currency on screen. Nothing else is accepted. */
export const posSaleInputSchema = z.object({ amount: z.unknown(), currency: z.unknown() }).strict();

/** "POS-20261129-k3x9q2": the day of the sale and a random part (readable at the till, unique enough with the day). */
export function posOrderId(now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, "");
  return `POS-${day}-${randomBytes(5).toString("hex")}`;
}

export async function createPosSale(
  deps: CheckoutDeps,
  body: unknown,
  defaults: CheckoutDefaults,
  idempotencyKey: string | null,
): Promise<CheckoutRow> {
  const shape = parseInput(posSaleInputSchema, body);
  // The same rules as every checkout (decimal string, currency's decimals, limits): one schema.
  const parsed = parseInput(checkoutInputSchema(deps.mode, defaults), {
    amount: shape.amount,
    currency: shape.currency,
    orderId: posOrderId(deps.now()),
    type: "POS",
  });
  const { checkout } = await createCheckout(deps, parsed, {
    source: "pos",
    ...(idempotencyKey !== null && { idempotency: { scope: "pos", key: idempotencyKey, request: shape } }),
  });
  return checkout;
}
