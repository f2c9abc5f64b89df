/**
 * Bitfinex Pay invoices: create (ECOMMERCE / POS), list, complete, expire.
 * @see https://docs.bitfinex.com/reference/submit-invoice
 * @see https://docs.bitfinex.com/reference/invoice-list
 */
import type { BitfinexTransport } from "../transport";
import type { CustomerInfo, PayInvoice, PayInvoicePage, PayInvoiceStatus, PayInvoiceType } from "../types";
import { parseWire } from "../wire/parse";
import { BitfinexError } from "../errors";
import {
  toPayInvoice,
  toPayInvoices,
  wirePayInvoice,
  wirePayInvoiceList,
  wirePayInvoicePage,
  type SkippedInvoice,
} from "../wire/pay-invoice";
import { log } from "../../observability/log";

export interface CreatePayInvoiceInput {
  type: PayInvoiceType;
  /** In `currency`, as a decimal string. */
  amount: string;
  /** Fiat, e.g. "USD". */
  currency: string;
  payCurrencies: string[];
  orderId: string;
  durationSeconds?: number;
  webhook?: string;
  redirectUrl?: string;
  /** Required for ECOMMERCE, refused for POS. */
  customerInfo?: CustomerInfo;
}

const CREATE = "v2/auth/w/ext/pay/invoice/create";

/** Creates an invoice. Never retried blindly: a timeout leaves it unknown whether it was made. */
export async function createPayInvoice(t: BitfinexTransport, input: CreatePayInvoiceInput): Promise<PayInvoice> {
  if (input.type === "ECOMMERCE" && !input.customerInfo) throw new TypeError("ECOMMERCE invoices need customerInfo");
  if (input.type === "POS" && input.customerInfo) throw new TypeError("POS invoices carry no customerInfo");
  const path = input.type === "POS" ? `${CREATE}/pos` : CREATE;
  const body = {
    amount: input.amount,
    currency: input.currency,
    payCurrencies: input.payCurrencies,
    orderId: input.orderId,
    ...(input.durationSeconds !== undefined && { duration: input.durationSeconds }),
    ...(input.webhook && { webhook: input.webhook }),
    ...(input.redirectUrl && { redirectUrl: input.redirectUrl }),
    ...(input.customerInfo && { customerInfo: input.customerInfo }),
  };
  const answer = await t.authPost(path, body, { idempotent: false });
  return toPayInvoice(parseWire(wirePayInvoice, answer, "/" + path));
}

/** Invoices on the account that are not ours to read are logged and left out of a list. */
const logSkipped = (endpoint: string) => (s: SkippedInvoice) =>
  log().warn(`bitfinex: ${endpoint} skipped invoice ${s.id ?? "(no id)"} of an unknown shape (${s.reason})`);

/**
 * One invoice by id, or null when Bitfinex does not know it. Unlike a list, the invoice asked
 * for must be readable: if it is not, that is a malformed answer, not "unknown".
 */
export async function getPayInvoice(t: BitfinexTransport, id: string): Promise<PayInvoice | null> {
  const path = "v2/auth/r/ext/pay/invoices";
  let unreadable: SkippedInvoice | null = null;
  const answer = await t.authPost(path, { id }, { idempotent: true });
  const list = toPayInvoices(parseWire(wirePayInvoiceList, answer, "/" + path), (s) => {
    if (s.id === id) unreadable = s;
    else logSkipped("/" + path)(s);
  });
  const found = list.find((i) => i.id === id);
  if (!found && unreadable) {
    throw new BitfinexError({
      kind: "malformed",
      endpoint: "/" + path,
      upstreamMessage: `invoice ${id}: ${(unreadable as SkippedInvoice).reason}`,
    });
  }
  return found ?? null;
}

export interface ListPayInvoicesQuery {
  id?: string;
  /** Window start / end in ms. */
  start?: number;
  end?: number;
  /** At most 100 (Bitfinex's cap). */
  limit?: number;
}

export async function listPayInvoices(t: BitfinexTransport, query: ListPayInvoicesQuery): Promise<PayInvoice[]> {
  const path = "v2/auth/r/ext/pay/invoices";
  const body = { ...query, ...(query.limit !== undefined && { limit: Math.min(100, Math.max(1, query.limit)) }) };
  const answer = await t.authPost(path, body, { idempotent: true });
  return toPayInvoices(parseWire(wirePayInvoiceList, answer, "/" + path), logSkipped("/" + path));
}

export interface PaginatedQuery {
  page?: number;
  pageSize?: number;
  sort?: "asc" | "desc";
  sortField?: "t" | "amount" | "status";
  status?: PayInvoiceStatus[];
  fiat?: string[];
  crypto?: string[];
  id?: string;
  orderId?: string;
}

export async function listPayInvoicesPaginated(t: BitfinexTransport, query: PaginatedQuery): Promise<PayInvoicePage> {
  const path = "v2/auth/r/ext/pay/invoices/paginated";
  const answer = await t.authPost(path, query, { idempotent: true });
  const page = parseWire(wirePayInvoicePage, answer, "/" + path);
  return { ...page, items: toPayInvoices(page.items, logSkipped("/" + path)) };
}

/** Marks an invoice paid by a deposit Bitfinex did not link to it. */
export async function completePayInvoice(
  t: BitfinexTransport,
  input: { id: string; payCcy: string; depositId?: number; ledgerId?: number },
): Promise<PayInvoice> {
  const path = "v2/auth/w/ext/pay/invoice/complete";
  // Completing the same invoice twice is harmless on Bitfinex's side, but we still send it once.
  const answer = await t.authPost(path, input, { idempotent: false });
  return toPayInvoice(parseWire(wirePayInvoice, answer, "/" + path));
}

export async function expirePayInvoice(t: BitfinexTransport, id: string): Promise<PayInvoice> {
  const path = "v2/auth/w/ext/pay/invoice/expire";
  const answer = await t.authPost(path, { id }, { idempotent: false });
  return toPayInvoice(parseWire(wirePayInvoice, answer, "/" + path));
}
