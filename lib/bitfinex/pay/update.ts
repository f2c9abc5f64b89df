/**
 * Updates an invoice: today only the customer's acceptance of the terms of service (and a private
 * note). The answer is not documented; "unconfirmed", any non-error answer is taken as done (the
 * sandbox answers the invoice object). Setting the same flag twice is harmless, so it may be retried.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payInvoiceUpdate
 */
import type { BitfinexTransport } from "../transport";

export interface UpdateInvoiceInput {
  id: string;
  tosAccepted: boolean;
  privateNote?: string;
}

export function updateInvoiceBody(input: UpdateInvoiceInput) {
  return {
    id: input.id,
    fields: { customerInfo: { tosAccepted: input.tosAccepted } },
    ...(input.privateNote !== undefined && { privateNote: input.privateNote }),
  };
}

export async function updatePayInvoice(t: BitfinexTransport, input: UpdateInvoiceInput): Promise<void> {
  await t.authPost("v2/auth/w/ext/pay/invoice/update", updateInvoiceBody(input), { idempotent: true });
}
