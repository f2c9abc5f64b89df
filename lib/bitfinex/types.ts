/**
 * Domain types for what Bitfinex tells us. Raw wire shapes (arrays, snake_case, numbers) stay in
 * ./wire; everything here uses decimal strings for amounts and milliseconds for times.
 */

export type PayInvoiceType = "ECOMMERCE" | "POS";
export type PayInvoiceStatus = "CREATED" | "PENDING" | "COMPLETED" | "EXPIRED";

/** The customer details Bitfinex requires on ECOMMERCE invoices. */
export interface CustomerInfo {
  nationality: string;
  residCountry: string;
  residState?: string;
  residCity: string;
  residZipCode: string;
  residStreet: string;
  residBuildingNo?: string;
  fullName: string;
  email: string;
  ip?: string;
}

/** One way to pay a Pay invoice: a currency on a chain with its address and exact amount. */
export interface PayAddress {
  /** The entry's Bitfinex Pay symbol (INVOICES_BFXPAY_CCY), e.g. "UST-TRX", when Bitfinex sends it. */
  currency?: string | null;
  /** Bitfinex's currency of the amount, e.g. "BTC", "UST". */
  payCurrency: string;
  /** The chain / method, e.g. "BTC", "ETH", "TRX", "LNX". */
  poolCurrency: string;
  amount: string;
  address: string;
  /** Present for Lightning: the BOLT11 string to pay. */
  lightning: { paymentRequest: string; hash: string | null; nodePub: string | null } | null;
}

export interface PayPayment {
  txid: string | null;
  /** In the currency paid (`currency`), as a decimal string. */
  amount: string;
  currency: string;
  /** A deposit method name such as "BITCOIN" or "TETHERUSX", not a currency: see market/tx-methods.ts. */
  method: string | null;
  status: string;
  confirmations: number;
  createdAt: string | null;
  updatedAt: string | null;
  depositId: number | null;
  ledgerId: number | null;
  forceCompleted: boolean;
  amountDiff: string | null;
}

export interface PayInvoice {
  id: string;
  createdAt: number;
  type: PayInvoiceType | null;
  durationSeconds: number | null;
  /** createdAt + duration, when both are known. */
  expiresAt: number | null;
  amount: string;
  currency: string;
  orderId: string;
  payCurrencies: string[];
  webhook: string | null;
  redirectUrl: string | null;
  status: PayInvoiceStatus;
  customerInfo: CustomerInfo | null;
  addresses: PayAddress[];
  payment: PayPayment | null;
  additionalPayments: PayPayment[];
  merchantName: string | null;
  recalculatedAt: number | null;
}

export interface PayInvoicePage {
  page: number;
  pageSize: number;
  totalPages: number;
  totalItems: number;
  items: PayInvoice[];
}

export interface DepositAddress {
  method: string;
  currency: string;
  /** Null when Bitfinex answered SUCCESS without a readable address. */
  address: string | null;
  poolAddress: string | null;
}

export interface LightningInvoice {
  /** Bitfinex's id for the invoice ("INVOICE_HASH"). */
  invoiceHash: string;
  /** The BOLT11 string. */
  paymentRequest: string;
  amountBtc: string;
  /** Decoded from the BOLT11 itself: the hash a payer's wallet pays to. */
  paymentHash: string;
  createdAt: number;
  expiresAt: number;
}

export type LightningPaymentState = "unpaid" | "paid" | "expired" | "unknown";

export interface LightningPayment {
  paymentHash: string;
  state: LightningPaymentState;
  /** Bitfinex's own status word, for logs. */
  rawStatus: string;
  amountBtc: string | null;
  createdAt: number | null;
  expiresAt: number | null;
  paymentRequest: string | null;
}

export interface Movement {
  id: number;
  currency: string;
  currencyName: string | null;
  startedAt: number | null;
  updatedAt: number | null;
  status: string;
  /** Positive for deposits, negative for withdrawals. */
  amount: string;
  fees: string;
  address: string | null;
  paymentId: string | null;
  txid: string | null;
  note: string | null;
}

export interface Ticker {
  symbol: string;
  bid: string;
  ask: string;
  last: string;
  fetchedAt: number;
}
