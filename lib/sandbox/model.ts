/** Records the sandbox keeps, shaped close to what Bitfinex sends so serialising them is simple. */
import type { CustomerInfo, PayInvoiceStatus, PayInvoiceType } from "../bitfinex/types";

export interface SbPayEntry {
  /** Pay symbol, e.g. "UST-TRX". */
  symbol: string;
  payCurrency: string;
  poolCurrency: string;
  amount: string;
  address: string;
  ext?: { hash: string; payment_request: string; node_pub: string };
}

export interface SbPayment {
  symbol: string;
  txid: string;
  amount: string;
  currency: string;
  method: string;
  status: "PROCESSING" | "COMPLETED";
  confirmations: number;
  requiredConfirmations: number;
  createdAt: number;
  updatedAt: number;
  depositId: number;
  /** Arrived after the invoice had expired. */
  late: boolean;
  forceCompleted?: boolean;
}

export interface SbPayInvoice {
  id: string;
  t: number;
  type: PayInvoiceType;
  duration: number;
  amount: string;
  currency: string;
  orderId: string;
  payCurrencies: string[];
  webhook: string | null;
  redirectUrl: string | null;
  status: PayInvoiceStatus;
  customerInfo: (CustomerInfo & { tosAccepted: boolean }) | null;
  invoices: SbPayEntry[];
  payments: SbPayment[];
  webhookSent: boolean;
  /** Refunds sent (or marked) on this invoice, oldest first. Absent on invoices stored before refunds existed. */
  refunds?: SbRefund[];
  /** When it became EXPIRED / COMPLETED (for invoice events); absent on invoices stored before. */
  expiredAt?: number;
  completedAt?: number;
  /** When invoice/update recorded the customer's acceptance of the terms. */
  tosAcceptedAt?: number | null;
  privateNote?: string | null;
  /** What this invoice counts against its customer's daily limit, fixed when it was created. */
  limitUsage?: { email: string; amount: string; ccy: string };
}

/** A refund as the sandbox journals it (its wire form is our choice: Bitfinex does not document it). */
export interface SbRefund {
  id: string;
  /** Bitfinex currency of the amount, e.g. "BTC", "UST". */
  ccy: string;
  amount: string;
  address: string;
  paymentId: string | null;
  t: number;
  /** "COMPLETED" when sent by the sandbox; "MARKED" when only recorded (mark/refunded). */
  status: "COMPLETED" | "MARKED";
}

/** A per-invoice bound of one pay currency, in USD. */
export interface SbCurrencyLimit {
  min: string;
  max: string;
}

export interface SbLnInvoice {
  invoiceHash: string;
  paymentHash: string;
  paymentRequest: string;
  amountBtc: string;
  createdAt: number;
  expiresAt: number;
  status: "not_paid" | "paid" | "expired";
  paidAt: number | null;
  depositId: number | null;
  /** Set when it belongs to a Pay invoice's LNX entry rather than a deposit invoice. */
  payInvoiceId: string | null;
}

export type FaultMode = "http500" | "http429" | "timeout" | "malformed" | "nonce" | "maintenance";

export interface Fault {
  mode: FaultMode;
  remaining: number;
  /** Only requests whose v2 path starts with this (e.g. "v2/auth/w/ext/pay") are hit. */
  pathPrefix: string;
  /** For "timeout": how long the answer is held back. */
  delayMs: number;
}

export interface SandboxSettings {
  payApi: "available" | "withdrawn" | "not_merchant";
  maintenance: boolean;
  /** Expiry written into Lightning deposit invoices. */
  lnInvoiceExpirySeconds: number;
  /**
   * When set, the status word LNX invoice payments answer for every invoice, paid or not (a
   * control setting: see how the app copes with a word it does not know). Unset, the sandbox's own
   * words: `not_paid` (the one public code shows), `paid`, `expired` (UNCONFIRMED).
   */
  lnStatusWord?: string | null;
  /** Webhooks to swallow before sending again. */
  dropWebhooks: number;
  prices: Record<string, string>;
  faults: Fault[];
  /** Key scopes the API key lacks (read and write), e.g. ["settings"]: a key made too narrow. */
  missingKeyScopes: string[];
  /** Deposit methods the account cannot create addresses for, e.g. ["TETHERUSX"]. */
  disabledDepositMethods: string[];
  /**
   * The e-commerce daily limit of each end customer (by email), in `limitCcy`: the customer's
   * e-commerce invoices created in the last 24 h count against it (Bitfinex support: "$1,000 per
   * 24 hours per end customer"). POS invoices have no daily limit here.
   */
  customerDailyLimit: string;
  /** The currency of every limit (the daily one and the per-currency ranges). */
  limitCcy: string;
  /** Per pay currency bounds in `limitCcy`; a currency not listed has the plugin's 0.1–1,000. */
  currencyLimits: Record<string, SbCurrencyLimit>;
}

export interface WebhookAttempt {
  invoiceId: string;
  url: string;
  status: InvoiceWebhookStatus;
  at: number;
  httpStatus: number | null;
}
export type InvoiceWebhookStatus = "sent" | "failed" | "dropped";
