/**
 * The Pay invoice object as Bitfinex sends it (camelCase object; see ../shared/bitfinex-api.md §4)
 * and its mapping to the domain PayInvoice.
 */
import { z } from "zod";
import type { PayInvoice, PayPayment } from "../types";
import { wireDecimal, wireMillis } from "./wire-decimal";

const optionalText = z.string().nullish();

const wireCustomerInfo = z.object({
  nationality: z.string(),
  residCountry: z.string(),
  residState: optionalText,
  residCity: z.string(),
  residZipCode: z.string(),
  residStreet: z.string(),
  residBuildingNo: optionalText,
  fullName: z.string(),
  email: z.string(),
  ip: optionalText,
});

const wireAddress = z.object({
  amount: wireDecimal,
  // INVOICES_BFXPAY_CCY: the Pay symbol of the entry. The seed's webhook example writes it as
  // `currency`; the key is not otherwise confirmed (../shared/bitfinex-api.md §4), so both
  // spellings seen in Bitfinex's documents are read.
  currency: optionalText,
  bfxpayCcy: optionalText,
  payCurrency: z.string(),
  poolCurrency: z.string(),
  address: z.string(),
  ext: z.object({ hash: optionalText, payment_request: optionalText, node_pub: optionalText }).nullish(),
});

const wirePayment = z.object({
  txid: optionalText,
  amount: wireDecimal,
  currency: z.string(),
  method: optionalText,
  status: z.string(),
  confirmations: z.number().int().nullish(),
  created_at: optionalText,
  updated_at: optionalText,
  depositId: z.number().int().nullish(),
  ledgerId: z.number().int().nullish(),
  forceCompleted: z.boolean().nullish(),
  amountDiff: wireDecimal.nullish(),
});

export const wirePayInvoice = z.object({
  id: z.string().min(1),
  t: wireMillis,
  type: z.enum(["ECOMMERCE", "POS"]).nullish(),
  duration: z.number().int().nullish(),
  amount: wireDecimal,
  currency: z.string(),
  orderId: z.union([z.string(), z.number()]).transform(String),
  payCurrencies: z.array(z.string()),
  webhook: optionalText,
  redirectUrl: optionalText,
  status: z.enum(["CREATED", "PENDING", "COMPLETED", "EXPIRED"]),
  customerInfo: wireCustomerInfo.nullish(),
  invoices: z.array(wireAddress).nullish(),
  payment: wirePayment.nullish(),
  additionalPayments: z.array(wirePayment).nullish(),
  merchantName: optionalText,
  recalculatedAt: wireMillis.nullish(),
});

/**
 * A list answer: an array of invoices. Each item is read on its own, because the account may
 * hold invoices made by another integration, or of a type or status we do not know: one such
 * invoice is skipped (and reported through `onSkip`), never a failed list for the reconciler.
 */
export const wirePayInvoiceList = z.array(z.unknown());

export const wirePayInvoicePage = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalPages: z.number().int(),
  totalItems: z.number().int(),
  items: z.array(z.unknown()),
});

export interface SkippedInvoice {
  id: string | null;
  reason: string;
}

/** Maps the items a list answer carries; items of a shape we do not know are skipped. */
export function toPayInvoices(items: unknown[], onSkip: (skipped: SkippedInvoice) => void): PayInvoice[] {
  const out: PayInvoice[] = [];
  for (const item of items) {
    const parsed = wirePayInvoice.safeParse(item);
    if (parsed.success) {
      out.push(toPayInvoice(parsed.data));
      continue;
    }
    const issue = parsed.error.issues[0];
    const id =
      typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string"
        ? (item as { id: string }).id
        : null;
    onSkip({ id, reason: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "unexpected shape"}` });
  }
  return out;
}

type WirePayment = z.output<typeof wirePayment>;

function toPayment(p: WirePayment): PayPayment {
  return {
    txid: p.txid ?? null,
    amount: p.amount,
    currency: p.currency,
    method: p.method ?? null,
    status: p.status,
    confirmations: p.confirmations ?? 0,
    createdAt: p.created_at ?? null,
    updatedAt: p.updated_at ?? null,
    depositId: p.depositId ?? null,
    ledgerId: p.ledgerId ?? null,
    forceCompleted: p.forceCompleted ?? false,
    amountDiff: p.amountDiff ?? null,
  };
}

export function toPayInvoice(w: z.output<typeof wirePayInvoice>): PayInvoice {
  const c = w.customerInfo;
  return {
    id: w.id,
    createdAt: w.t,
    type: w.type ?? null,
    durationSeconds: w.duration ?? null,
    expiresAt: w.duration != null ? w.t + w.duration * 1000 : null,
    amount: w.amount,
    currency: w.currency,
    orderId: w.orderId,
    payCurrencies: w.payCurrencies,
    webhook: w.webhook ?? null,
    redirectUrl: w.redirectUrl ?? null,
    status: w.status,
    customerInfo: c
      ? {
          nationality: c.nationality,
          residCountry: c.residCountry,
          residState: c.residState ?? undefined,
          residCity: c.residCity,
          residZipCode: c.residZipCode,
          residStreet: c.residStreet,
          residBuildingNo: c.residBuildingNo ?? undefined,
          fullName: c.fullName,
          email: c.email,
          ip: c.ip ?? undefined,
        }
      : null,
    addresses: (w.invoices ?? []).map((a) => ({
      currency: a.currency ?? a.bfxpayCcy ?? null,
      payCurrency: a.payCurrency,
      poolCurrency: a.poolCurrency,
      amount: a.amount,
      address: a.address,
      lightning: a.ext?.payment_request
        ? { paymentRequest: a.ext.payment_request, hash: a.ext.hash ?? null, nodePub: a.ext.node_pub ?? null }
        : null,
    })),
    payment: w.payment ? toPayment(w.payment) : null,
    additionalPayments: (w.additionalPayments ?? []).map(toPayment),
    merchantName: w.merchantName ?? null,
    recalculatedAt: w.recalculatedAt ?? null,
  };
}
