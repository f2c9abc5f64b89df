/**
 * Refunds of a Pay invoice: send money back to the customer, or record that it was sent by other
 * means. Both are writes that move (or account for) money, so neither is ever retried blindly:
 * a timeout leaves the outcome unknown, and the caller (lib/refunds) decides what to do.
 *
 * The answers are not documented (bfx-api-node-rest 6.0.0 JSDoc gives only the parameters). We
 * accept, "unconfirmed": an object naming the refund (`refundId` or `id`, string or number,
 * optionally with `status`), an object holding `refunds: [{id, …}]` (the invoice itself), an
 * array whose first element is the id, or a bare `true`/id. Anything else is malformed.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payRefundInvoice, payInvoiceMarkRefunded
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";

export interface RefundInput {
  /** Bitfinex's invoice id. */
  id: string;
  /** Bitfinex currency of the amount refunded, e.g. "BTC", "UST". */
  ccy: string;
  /** Decimal string, never a float. */
  amount: string;
  address: string;
  /** Tag / memo, for chains that need one. */
  paymentId?: string;
}

export interface RefundReceipt {
  /** Bitfinex's id of the refund, when its answer names one. */
  refundId: string | null;
  status: string | null;
}

const idText = z.union([z.string().min(1), z.number().int()]).transform(String);
const refundObject = z
  .object({
    refundId: idText.optional(),
    id: idText.optional(),
    status: z.string().nullish(),
    refunds: z.array(z.object({ id: idText, status: z.string().nullish() }).loose()).optional(),
  })
  .loose();

/** Builds the receipt from an answer; `invoiceId` tells an invoice object's own id from a refund's. */
export function toRefundReceipt(answer: unknown, invoiceId: string, endpoint: string): RefundReceipt {
  if (answer === true) return { refundId: null, status: null };
  const parsed = parseWire(z.union([idText, z.array(z.unknown()).min(1), refundObject]), answer, endpoint);
  if (typeof parsed === "string") return { refundId: parsed, status: null };
  if (Array.isArray(parsed)) {
    const first = idText.safeParse(parsed[0]);
    return { refundId: first.success ? first.data : null, status: null };
  }
  if (parsed.refundId) return { refundId: parsed.refundId, status: parsed.status ?? null };
  const last = parsed.refunds?.at(-1);
  if (last) return { refundId: last.id, status: last.status ?? null };
  return { refundId: parsed.id && parsed.id !== invoiceId ? parsed.id : null, status: parsed.status ?? null };
}

/** The documented body: {id, ccy, amount, address: {address, payment_id?}}. */
export function refundBody(input: RefundInput) {
  return {
    id: input.id,
    ccy: input.ccy,
    amount: input.amount,
    address: { address: input.address, ...(input.paymentId && { payment_id: input.paymentId }) },
  };
}

/**
 * A refund that has not left within this long of being asked is abandoned, certainly unsent
 * (BitfinexTransport.authPost): so a refund still `sending` well after it was written (the
 * "unknown" of lib/refunds/queries.ts) is one that really may have gone, never one still queued.
 */
export const REFUND_SEND_WITHIN_MS = 5_000;

export async function refundPayInvoice(t: BitfinexTransport, input: RefundInput): Promise<RefundReceipt> {
  const path = "v2/auth/w/ext/pay/invoice/refund";
  const answer = await t.authPost(path, refundBody(input), { idempotent: false, sendWithinMs: REFUND_SEND_WITHIN_MS });
  return toRefundReceipt(answer, input.id, "/" + path);
}

/** Records on Bitfinex's side that a refund was made (e.g. one whose answer was lost). */
export async function markPayInvoiceRefunded(
  t: BitfinexTransport,
  input: { id: string; refundId: string },
): Promise<void> {
  const path = "v2/auth/w/ext/pay/invoice/mark/refunded";
  const answer = await t.authPost(path, { id: input.id, refundId: input.refundId }, { idempotent: false });
  parseWire(
    z.union([z.literal(true), z.array(z.unknown()), z.object({}).loose(), z.number(), z.string()]),
    answer,
    "/" + path,
  );
}
