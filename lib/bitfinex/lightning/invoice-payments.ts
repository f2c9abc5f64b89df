/**
 * Whether a Lightning deposit invoice was paid, from LNX invoice payments.
 * The answer's shape is not documented beyond field names (PAYMENT_HASH, CREATED_AT,
 * INVOICE_EXPIRY, INVOICE, RECIPIENT_PUB_KEY, MEMO, AMOUNT, BFX_AMOUNT, STATUS), so both an
 * object (camelCase or snake_case keys) and an array in that order are accepted.
 * @see https://docs.bitfinex.com/reference/lnx-invoice-payments
 */
import { z } from "zod";
import type { BitfinexTransport } from "../transport";
import type { LightningPayment, LightningPaymentState } from "../types";
import { parseWire } from "../wire/parse";
import { wireDecimal, wireMillis } from "../wire/wire-decimal";

const text = z.string().nullish();
const fromObject = z
  .object({
    payment_hash: text,
    paymentHash: text,
    hash: text,
    created_at: wireMillis.nullish(),
    createdAt: wireMillis.nullish(),
    invoice_expiry: wireMillis.nullish(),
    invoiceExpiry: wireMillis.nullish(),
    expires_at: wireMillis.nullish(),
    invoice: text,
    bfx_amount: wireDecimal.nullish(),
    bfxAmount: wireDecimal.nullish(),
    status: text,
    state: text,
  })
  .transform((o) => ({
    paymentHash: o.payment_hash ?? o.paymentHash ?? o.hash ?? null,
    createdAt: o.created_at ?? o.createdAt ?? null,
    expiresAt: o.invoice_expiry ?? o.invoiceExpiry ?? o.expires_at ?? null,
    paymentRequest: o.invoice ?? null,
    amountBtc: o.bfx_amount ?? o.bfxAmount ?? null,
    rawStatus: o.status ?? o.state ?? "",
  }));
const fromArray = z
  .tuple([
    z.string(),
    wireMillis.nullish(),
    wireMillis.nullish(),
    text,
    z.unknown(),
    z.unknown(),
    z.unknown(),
    wireDecimal.nullish(),
    z.string(),
  ])
  .rest(z.unknown())
  .transform(([hash, created, expiry, invoice, , , , bfxAmount, status]) => ({
    paymentHash: hash,
    createdAt: created ?? null,
    expiresAt: expiry ?? null,
    paymentRequest: invoice ?? null,
    amountBtc: bfxAmount ?? null,
    rawStatus: status,
  }));
const entry = z.union([fromArray, fromObject]);
const answerSchema = z.union([z.array(entry), entry.transform((e) => [e]), z.null().transform(() => [])]);

/**
 * The status words this app reads. Only `not_paid` has public evidence (third-party code reading
 * `{state}` of getInvoiceById); every other word is UNCONFIRMED, a guess no public source shows.
 * A word outside these lists is "unknown": the caller shows it to the merchant and keeps asking,
 * and a payment is confirmed from LNX deposit movements instead (lib/checkouts/rails/lightning-movements.ts).
 */
export const LNX_STATUS_WORDS = {
  observed: { not_paid: "unpaid" },
  unconfirmed: {
    paid: "paid",
    settled: "paid",
    completed: "paid",
    complete: "paid",
    success: "paid",
    unpaid: "unpaid",
    pending: "unpaid",
    open: "unpaid",
    created: "unpaid",
    expired: "expired",
    canceled: "expired",
    cancelled: "expired",
  },
} as const satisfies Record<string, Record<string, LightningPaymentState>>;

export function lnxStatusState(raw: string): LightningPaymentState {
  const s = raw.trim().toLowerCase();
  const words: Record<string, LightningPaymentState> = {
    ...LNX_STATUS_WORDS.unconfirmed,
    ...LNX_STATUS_WORDS.observed,
  };
  return Object.hasOwn(words, s) ? words[s]! : "unknown";
}

type Action = { action: "getInvoiceById"; txid: string } | { action: "getInvoicesByUser"; offset?: number };

async function query(t: BitfinexTransport, act: Action): Promise<LightningPayment[]> {
  const path = "v2/auth/r/ext/invoice/payments";
  const q = act.action === "getInvoiceById" ? { txid: act.txid } : { offset: act.offset ?? 0 };
  const answer = await t.authPost(path, { action: act.action, query: q }, { idempotent: true });
  const entries = parseWire(answerSchema, answer, "/" + path);
  // The observed answer to getInvoiceById is one object, `{state: "not_paid"}`, naming no hash:
  // a lone entry without a hash is the invoice asked about.
  if (act.action === "getInvoiceById" && entries.length === 1 && !entries[0]!.paymentHash)
    entries[0]!.paymentHash = act.txid;
  return entries
    .filter((e) => e.paymentHash)
    .map((e) => ({ ...e, paymentHash: e.paymentHash!.toLowerCase(), state: lnxStatusState(e.rawStatus) }));
}

/** The status of one invoice by its BOLT11 payment hash; null when Bitfinex does not know it. */
export async function getLightningPayment(t: BitfinexTransport, paymentHash: string): Promise<LightningPayment | null> {
  const all = await query(t, { action: "getInvoiceById", txid: paymentHash.toLowerCase() });
  return all.find((p) => p.paymentHash === paymentHash.toLowerCase()) ?? null;
}

/** The account's recent Lightning invoices, newest first (one call covers many open checkouts). */
export function listLightningInvoices(t: BitfinexTransport, offset = 0): Promise<LightningPayment[]> {
  return query(t, { action: "getInvoicesByUser", offset });
}
