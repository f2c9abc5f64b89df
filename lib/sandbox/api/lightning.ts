/** LNX deposit address, deposit invoices and invoice payments, as the sandbox serves them. */
import { Money, isDecimalString, toAmountString } from "../../money/decimal";
import type { SbLnInvoice } from "../model";
import type { Sandbox } from "../sandbox";
import { KNOWN_DEPOSIT_METHODS } from "../methods";
import { BfxError, json, type SandboxAnswer } from "./http";

export function depositAddress(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  if (body.wallet !== "exchange" && body.wallet !== "margin" && body.wallet !== "funding")
    throw new BfxError(10020, "wallet: invalid");
  if (typeof body.method !== "string" || !/^[A-Za-z0-9]{2,20}$/.test(body.method))
    throw new BfxError(10020, "method: invalid");
  const method = body.method.toUpperCase();
  if (!KNOWN_DEPOSIT_METHODS.has(method)) throw new BfxError(10020, "method: invalid");
  // Lightning deposits land only in the exchange wallet (Generate Invoice page).
  if (method === "LNX" && body.wallet !== "exchange") throw new BfxError(10020, "wallet: invalid");
  if (body.op_renew !== undefined && body.op_renew !== 0 && body.op_renew !== 1)
    throw new BfxError(10020, "op_renew: invalid");
  // A method the merchant's account cannot take deposits in (a control setting): Bitfinex answers
  // with an error notification rather than an address.
  if (sb.settings.disabledDepositMethods.includes(method)) {
    return json([
      sb.now(),
      "acc_dep",
      null,
      null,
      [null, method, null, null, null, null],
      null,
      "ERROR",
      `Deposits in ${method} are not available for this account`,
    ]);
  }
  const address = sb.depositAddress(method, body.op_renew === 1);
  const currency = method === "LNX" ? "BTC" : method;
  // A notification: [MTS, TYPE, MSG_ID, null, [null, METHOD, CURRENCY_CODE, null, ADDRESS, POOL_ADDRESS], CODE, STATUS, TEXT]
  return json([
    sb.now(),
    "acc_dep",
    null,
    null,
    [null, method, currency, null, address, null],
    null,
    "SUCCESS",
    "success",
  ]);
}

export function depositInvoice(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  if (body.wallet !== "exchange") throw new BfxError(10020, "wallet: invalid");
  if (body.currency !== "LNX") throw new BfxError(10020, "currency: invalid");
  // The docs type the amount as a string; a JSON number is refused.
  const amount = body.amount;
  if (typeof amount !== "string" || !isDecimalString(amount)) throw new BfxError(10020, "amount: invalid");
  const value = new Money(amount);
  if (value.lt("0.000001") || value.gt("0.02") || value.decimalPlaces() > 8)
    throw new BfxError(10020, "amount: invalid");
  if (!sb.hasDepositAddress("LNX"))
    throw new BfxError(10001, "deposit: address not found, create an LNX deposit address first");
  const inv = sb.makeLightningInvoice(toAmountString(value), sb.settings.lnInvoiceExpirySeconds, null);
  // [INVOICE_HASH, INVOICE, null, null, AMOUNT], AMOUNT a string as the docs' response table types it.
  return json([inv.invoiceHash, inv.paymentRequest, null, null, inv.amountBtc]);
}

/**
 * One invoice as the sandbox answers it. Bitfinex documents the fields by name only (PAYMENT_HASH …
 * STATUS): the snake_case keys and the status words "unpaid", "paid" and "expired" are the
 * sandbox's own, UNCONFIRMED, no public source shows them. The one form public code shows is
 * `{state: "not_paid"}` for getInvoiceById of an unpaid invoice, answered below as such.
 */
function paymentRow(inv: SbLnInvoice, nodePub: string, word: string | null = null) {
  const sats = new Money(inv.amountBtc).mul(100_000_000).toFixed(0);
  return {
    payment_hash: inv.paymentHash,
    created_at: inv.createdAt,
    invoice_expiry: inv.expiresAt,
    invoice: inv.paymentRequest,
    recipient_pub_key: nodePub,
    memo: inv.payInvoiceId ? `Bitfinex Pay ${inv.payInvoiceId}` : "Bitfinex deposit",
    amount: Number(sats),
    bfx_amount: inv.amountBtc,
    status: word ?? inv.status,
    ...(inv.paidAt !== null && { paid_at: inv.paidAt }),
  };
}

export function invoicePayments(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const query = (body.query ?? {}) as Record<string, unknown>;
  if (typeof query !== "object" || Array.isArray(query)) throw new BfxError(10020, "query: invalid");
  switch (body.action) {
    case "getInvoiceById":
    case "getPaymentById": {
      if (typeof query.txid !== "string") throw new BfxError(10020, "query.txid: invalid");
      const inv = sb.findLnInvoice(query.txid);
      // The observed form (third-party code compares `state` with "not_paid"), so the client is proven to read it.
      if (inv && inv.status !== "paid" && inv.status !== "expired")
        return json({ state: sb.settings.lnStatusWord ?? "not_paid" });
      return json(inv ? paymentRow(inv, sb.nodePub, sb.settings.lnStatusWord ?? null) : null);
    }
    case "getInvoicesByUser":
    case "getPaymentsByUser": {
      const offset = query.offset ?? 0;
      if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0)
        throw new BfxError(10020, "query.offset: invalid");
      let rows = Object.values(sb.lnInvoices()).sort((a, b) => b.createdAt - a.createdAt);
      if (body.action === "getPaymentsByUser") rows = rows.filter((r) => r.status === "paid");
      return json(
        rows.slice(offset, offset + 100).map((r) => paymentRow(r, sb.nodePub, sb.settings.lnStatusWord ?? null)),
      );
    }
    default:
      throw new BfxError(10020, "action: invalid");
  }
}
