/** Bitfinex Pay endpoints as the sandbox serves them, with the documented rules enforced. */
import { FIAT_CURRENCIES, payCurrency } from "../../currencies/pay-currencies";
import { Money, isDecimalString } from "../../money/decimal";
import { stringifyWithRawNumbers } from "../../json/lossless-json";
import type { SbPayInvoice } from "../model";
import type { Sandbox } from "../sandbox";
import { invoiceObject } from "../wire";
import { BfxError, json, type SandboxAnswer } from "./http";
import { customerDailyCheck, enforceLimits } from "./pay-merchant";

const MIN_USD = "0.1"; // plugin: "amount less than 0.1 USD equivalent"
const MAX_USD = "1000"; // support article: up to $1,000 per invoice
export const MIN_DURATION = 300;
export const MAX_DURATION = 86_400;
const CUSTOMER_REQUIRED = [
  "nationality",
  "residCountry",
  "residCity",
  "residZipCode",
  "residStreet",
  "fullName",
  "email",
] as const;
const CUSTOMER_OPTIONAL = ["residState", "residBuildingNo", "ip"] as const;

const payError = (op: string, reason: string) => new BfxError(null, `${op}: ${reason}`);

function isUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

export function createInvoice(sb: Sandbox, body: Record<string, unknown>, type: "ECOMMERCE" | "POS"): SandboxAnswer {
  const op = "ERR_CREATE_INVOICE";
  const amountText = typeof body.amount === "number" ? String(body.amount) : body.amount;
  if (typeof amountText !== "string" || !isDecimalString(amountText) || new Money(amountText).lte(0))
    throw payError(op, "ERR_PAY_AMOUNT_INVALID");
  const currency = body.currency;
  if (typeof currency !== "string" || !FIAT_CURRENCIES.has(currency)) throw payError(op, "ERR_PAY_CURRENCY_INVALID");
  const usd = sb.convert(amountText, currency, "USD", 8);
  if (!usd || new Money(usd).lt(MIN_USD) || new Money(usd).gt(MAX_USD)) throw payError(op, "ERR_PAY_AMOUNT_INVALID");
  const symbols = body.payCurrencies;
  if (
    !Array.isArray(symbols) ||
    symbols.length === 0 ||
    symbols.some((s) => typeof s !== "string" || !payCurrency(s))
  ) {
    throw payError(op, "ERR_PAY_CURRENCY_INVALID");
  }
  if (new Set(symbols).size !== symbols.length) throw payError(op, "ERR_PAY_CURRENCY_INVALID");
  enforceLimits(sb, amountText, currency, symbols as string[]);
  const orderId = typeof body.orderId === "number" ? String(body.orderId) : body.orderId;
  if (typeof orderId !== "string" || orderId.length === 0 || orderId.length > 255)
    throw new BfxError(10020, "orderId: invalid");
  const duration = body.duration ?? 900;
  if (
    typeof duration !== "number" ||
    !Number.isInteger(duration) ||
    duration < MIN_DURATION ||
    duration > MAX_DURATION
  ) {
    throw new BfxError(10020, "duration: invalid");
  }
  if (body.webhook !== undefined && !isUrl(body.webhook)) throw new BfxError(10020, "webhook: invalid");
  if (body.redirectUrl !== undefined && !isUrl(body.redirectUrl)) throw new BfxError(10020, "redirectUrl: invalid");

  let customerInfo: SbPayInvoice["customerInfo"] = null;
  if (type === "POS") {
    if (body.customerInfo !== undefined && body.customerInfo !== null)
      throw new BfxError(10020, "customerInfo: not allowed for POS");
  } else {
    const c = body.customerInfo;
    if (!c || typeof c !== "object") throw new BfxError(10020, "customerInfo: invalid");
    const info = c as Record<string, unknown>;
    for (const field of CUSTOMER_REQUIRED) {
      if (typeof info[field] !== "string" || (info[field] as string).trim() === "")
        throw new BfxError(10020, `customerInfo.${field}: invalid`);
    }
    for (const field of CUSTOMER_OPTIONAL) {
      if (info[field] !== undefined && typeof info[field] !== "string")
        throw new BfxError(10020, `customerInfo.${field}: invalid`);
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(info.email as string))
      throw new BfxError(10020, "customerInfo.email: invalid");
    const pick = (k: string) => (typeof info[k] === "string" ? (info[k] as string) : undefined);
    customerInfo = {
      nationality: pick("nationality")!,
      residCountry: pick("residCountry")!,
      residState: pick("residState"),
      residCity: pick("residCity")!,
      residZipCode: pick("residZipCode")!,
      residStreet: pick("residStreet")!,
      residBuildingNo: pick("residBuildingNo"),
      fullName: pick("fullName")!,
      email: pick("email")!,
      ip: pick("ip"),
      tosAccepted: false,
    };
  }

  const limitUsage = customerInfo ? customerDailyCheck(sb, amountText, currency, customerInfo.email) : undefined;
  const id = sb.newInvoiceId();
  const t = sb.now();
  const invoices = sb.makePayEntries(id, amountText, currency, symbols as string[], t + duration * 1000);
  if (!invoices) throw payError(op, "ERR_PAY_CURRENCY_INVALID");
  const inv: SbPayInvoice = {
    id,
    t,
    type,
    duration,
    amount: new Money(amountText).toFixed(),
    currency,
    orderId,
    payCurrencies: symbols as string[],
    webhook: (body.webhook as string | undefined) ?? null,
    redirectUrl: (body.redirectUrl as string | undefined) ?? null,
    status: "CREATED",
    customerInfo,
    invoices,
    payments: [],
    webhookSent: false,
    ...(limitUsage && { limitUsage }),
  };
  sb.savePayInvoice(inv);
  return json(stringifyWithRawNumbers(invoiceObject(inv, { entryCurrency: false })));
}

/** Newest first, as the plain list answers (the paginated list sorts ascending unless asked). */
function sortedInvoices(sb: Sandbox): SbPayInvoice[] {
  return Object.values(sb.payInvoices()).sort((a, b) => b.t - a.t);
}

export function listInvoices(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const limit = body.limit ?? 10;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new BfxError(10020, "limit: invalid");
  let items = sortedInvoices(sb);
  if (body.id !== undefined) items = items.filter((i) => i.id === body.id);
  if (typeof body.start === "number") items = items.filter((i) => i.t >= (body.start as number));
  if (typeof body.end === "number") items = items.filter((i) => i.t <= (body.end as number));
  return json(stringifyWithRawNumbers(items.slice(0, limit).map((i) => invoiceObject(i))));
}

export function listInvoicesPaginated(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const page = body.page ?? 1;
  const pageSize = body.pageSize ?? 10;
  if (typeof page !== "number" || !Number.isInteger(page) || page < 1) throw new BfxError(10020, "page: invalid");
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw new BfxError(10020, "pageSize: invalid");
  const sort = body.sort ?? "asc";
  const sortField = body.sortField ?? "t";
  if (sort !== "asc" && sort !== "desc") throw new BfxError(10020, "sort: invalid");
  if (sortField !== "t" && sortField !== "amount" && sortField !== "status")
    throw new BfxError(10020, "sortField: invalid");
  const inSet = (list: unknown, value: string) => !Array.isArray(list) || list.length === 0 || list.includes(value);
  let items = Object.values(sb.payInvoices()).filter(
    (i) =>
      inSet(body.status, i.status) &&
      inSet(body.fiat, i.currency) &&
      (!Array.isArray(body.crypto) ||
        body.crypto.length === 0 ||
        i.payCurrencies.some((c) => (body.crypto as unknown[]).includes(c))) &&
      (body.id === undefined || i.id === body.id) &&
      (body.orderId === undefined || i.orderId === body.orderId),
  );
  const key = (i: SbPayInvoice) =>
    sortField === "amount" ? Number(i.amount) : sortField === "status" ? i.status : i.t;
  items = items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (sort === "asc" ? 1 : -1));
  const totalItems = items.length;
  const pageItems = items.slice((page - 1) * pageSize, page * pageSize).map((i) => invoiceObject(i));
  return json(
    stringifyWithRawNumbers({
      page,
      pageSize,
      sort,
      sortField,
      totalPages: Math.ceil(totalItems / pageSize),
      totalItems,
      items: pageItems,
    }),
  );
}

export function completeInvoice(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const inv = typeof body.id === "string" ? sb.payInvoices()[body.id] : undefined;
  if (!inv) throw payError("ERR_COMPLETE_INVOICE", "ERR_PAY_INVOICE_NOT_FOUND");
  const entry = inv.invoices.find((e) => e.symbol === body.payCcy);
  if (!entry) throw payError("ERR_COMPLETE_INVOICE", "ERR_PAY_CURRENCY_INVALID");
  if (inv.status !== "COMPLETED") {
    const payment = sb.payPayInvoice(inv, entry, sb.dueOn(inv, entry), undefined);
    payment.forceCompleted = true;
    inv.status = "COMPLETED"; // a manual completion also overrides expiry
    inv.completedAt = sb.now();
    sb.settle(inv);
  }
  return json(stringifyWithRawNumbers(invoiceObject(inv)));
}

export function expireInvoice(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const inv = typeof body.id === "string" ? sb.payInvoices()[body.id] : undefined;
  if (!inv) throw payError("ERR_EXPIRE_INVOICE", "ERR_PAY_INVOICE_NOT_FOUND");
  if (inv.status === "COMPLETED") throw payError("ERR_EXPIRE_INVOICE", "ERR_PAY_INVOICE_ALREADY_COMPLETED");
  sb.expirePayInvoice(inv);
  return json(stringifyWithRawNumbers(invoiceObject(inv)));
}

export function listCurrencies(): SandboxAnswer {
  return json([
    "BTC",
    "LNX",
    "LBT",
    "ETH",
    "UST-ETH",
    "UST-TRX",
    "UST-PLY",
    "UST-TON",
    "UST-LBT",
    "EUT-ETH",
    "LTC",
    "DOGE",
    "AVAX",
  ]);
}
