/**
 * Refunds of a Pay invoice: send money back to the customer, or record that it was sent by other
 * means. Both are writes that move (or account for) money, so neither is ever retried blindly:
 * a timeout leaves the outcome unknown, and the caller (lib/refunds) decides what to do.
 *
 * The refund's answer is not documented (bfx-api-node-rest 6.0.0 JSDoc gives only the parameters),
 * so a refund is taken as sent only on an answer recognisably Bitfinex's own success, in one of
 * the two forms Bitfinex documents for its writes:
 * - the invoice object of the refunded invoice (Pay's documented writes, complete and expire,
 *   answer with it): the documented invoice shape, with the same `id`. A refund id is read from a
 *   `refunds` list on it when one is there (UNCONFIRMED key);
 * - a notification `[MTS, TYPE, MSG_ID, null, DATA, CODE, STATUS, TEXT]` with STATUS "SUCCESS"
 *   (the form of Bitfinex's account writes: deposit address, withdraw; PHP SDK fixtures).
 * Anything else (`true`, a bare id or string, another object, an ERROR notification) is not
 * recognised: a `malformed` error, which the caller records as a refund of unknown outcome.
 * @see bfx-api-node-rest 6.0.0 lib/rest2.js payRefundInvoice, payInvoiceMarkRefunded
 */
import { z } from "zod";
import { BitfinexError } from "../errors";
import type { BitfinexTransport } from "../transport";
import { parseWire } from "../wire/parse";
import { wirePayInvoice } from "../wire/pay-invoice";

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
  /** Which recognised form the answer had. */
  form: "invoice" | "notification";
}

const idText = z.union([z.string().min(1).max(255), z.number().int()]).transform(String);
const refundsList = z
  .object({ refunds: z.array(z.object({ id: idText, status: z.string().nullish() }).loose()) })
  .loose();
const notification = z
  .tuple([z.number(), z.string(), z.unknown(), z.unknown(), z.unknown(), z.unknown(), z.string(), z.unknown()])
  .rest(z.unknown());

/** A short, printable picture of an answer for the merchant and the log. */
function sketch(answer: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(answer) ?? String(answer);
  } catch {
    text = String(answer);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Builds the receipt from an answer recognisably Bitfinex's success; anything else throws `malformed`. */
export function toRefundReceipt(answer: unknown, invoiceId: string, endpoint: string): RefundReceipt {
  const invoice = wirePayInvoice.safeParse(answer);
  if (invoice.success && invoice.data.id === invoiceId) {
    const last = refundsList.safeParse(answer).data?.refunds.at(-1);
    return { refundId: last?.id ?? null, status: last?.status ?? null, form: "invoice" };
  }
  const note = notification.safeParse(answer);
  if (note.success && note.data[6].toUpperCase() === "SUCCESS") {
    const data = note.data[4];
    const id = idText.safeParse(Array.isArray(data) ? data[0] : null);
    return { refundId: id.success ? id.data : null, status: "SUCCESS", form: "notification" };
  }
  throw new BitfinexError({
    kind: "malformed",
    endpoint,
    upstreamMessage: `not recognisably Bitfinex's success for a refund: ${sketch(answer)}`,
  });
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
