/**
 * Lightning deposit invoices (LNX): the rail that works without Bitfinex Pay.
 * Amount in BTC, 0.000001 to 0.02, exchange wallet only.
 * @see https://docs.bitfinex.com/reference/rest-auth-deposit-invoice
 */
import { z } from "zod";
import { BitfinexError } from "../errors";
import type { BitfinexTransport } from "../transport";
import type { LightningInvoice } from "../types";
import { parseWire } from "../wire/parse";
import { wireDecimal } from "../wire/wire-decimal";
import { decodeBolt11 } from "../../lightning/bolt11";
import { money } from "../../money/decimal";

export const LNX_MIN_BTC = "0.000001";
export const LNX_MAX_BTC = "0.02";

/** Checks an amount against Bitfinex's LNX limits before any call; returns an error sentence or null. */
export function lnxAmountProblem(amountBtc: string): string | null {
  const amount = money(amountBtc);
  if (amount.lt(LNX_MIN_BTC)) return `Lightning payments must be at least ${LNX_MIN_BTC} BTC`;
  if (amount.gt(LNX_MAX_BTC)) return `Lightning payments can be at most ${LNX_MAX_BTC} BTC`;
  if (amount.decimalPlaces() > 8) return "Lightning amounts have at most 8 decimal places";
  return null;
}

// [INVOICE_HASH, INVOICE, null, null, AMOUNT]
const wireInvoice = z
  .tuple([z.string().min(1), z.string().min(1), z.unknown(), z.unknown(), wireDecimal])
  .rest(z.unknown());

export async function createLightningInvoice(t: BitfinexTransport, amountBtc: string): Promise<LightningInvoice> {
  const problem = lnxAmountProblem(amountBtc);
  if (problem) throw new RangeError(problem);
  const path = "v2/auth/w/deposit/invoice";
  const answer = await t.authPost(
    path,
    { wallet: "exchange", currency: "LNX", amount: amountBtc },
    { idempotent: false },
  );
  const [invoiceHash, paymentRequest, , , amount] = parseWire(wireInvoice, answer, "/" + path);
  // The payment hash and expiry are read from the BOLT11 itself, not trusted from a side field.
  let decoded;
  try {
    decoded = decodeBolt11(paymentRequest);
  } catch (e) {
    throw new BitfinexError({
      kind: "malformed",
      endpoint: "/" + path,
      upstreamMessage: `bad BOLT11: ${(e as Error).message}`,
    });
  }
  if (decoded.amountBtc !== null && !money(decoded.amountBtc).eq(amount)) {
    throw new BitfinexError({
      kind: "malformed",
      endpoint: "/" + path,
      upstreamMessage: `BOLT11 amount ${decoded.amountBtc} != ${amount}`,
    });
  }
  return {
    invoiceHash,
    paymentRequest,
    amountBtc: amount,
    paymentHash: decoded.paymentHash,
    createdAt: decoded.timestamp * 1000,
    expiresAt: decoded.expiresAt * 1000,
  };
}
