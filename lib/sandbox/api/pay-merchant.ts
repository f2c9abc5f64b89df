/**
 * The rest of Bitfinex Pay's merchant surface as the sandbox serves it: refunds, invoice update
 * and events, limits, conversion rules, merchant settings. Parameters are checked as the SDK
 * documents them (bfx-api-node-rest 6.0.0) and refused Bitfinex-style (`["error", code, msg]`).
 * Answers Bitfinex does not document are our choice, "unconfirmed" (docs/sandbox.md): the client
 * accepts these and reasonable alternatives.
 */
import { randomUUID } from "node:crypto";
import { isValidAddress } from "../../chains/addresses";
import { FIAT_CURRENCIES, PAY_CURRENCIES, payCurrency } from "../../currencies/pay-currencies";
import { stringifyWithRawNumbers } from "../../json/lossless-json";
import { Money, isDecimalString, toAmountString } from "../../money/decimal";
import type { SbCurrencyLimit, SbPayInvoice, SbRefund } from "../model";
import type { Sandbox } from "../sandbox";
import { invoiceObject } from "../wire";
import { BfxError, json, type SandboxAnswer } from "./http";

/** Plugin readme: $0.1 to $1,000 per invoice, when no tighter bound is set for a currency (in the limit currency). */
export const DEFAULT_LIMIT: SbCurrencyLimit = { min: "0.1", max: "1000" };
const payError = (op: string, reason: string) => new BfxError(null, `${op}: ${reason}`);
const invoiceOf = (sb: Sandbox, op: string, id: unknown): SbPayInvoice => {
  if (typeof id !== "string" || id.length === 0) throw new BfxError(10020, "id: invalid");
  const inv = sb.payInvoices()[id];
  if (!inv) throw payError(op, "ERR_PAY_INVOICE_NOT_FOUND");
  return inv;
};

// ---- limits ----------------------------------------------------------------------------------
// The sandbox's own bookkeeping (not the client's reading): each e-commerce invoice records, when
// it is created, what it counts against its customer's daily limit, by email, in the limit
// currency; an invoice left to expire unpaid stops counting.

export function currencyLimit(sb: Sandbox, symbol: string): SbCurrencyLimit {
  return sb.settings.currencyLimits[symbol] ?? DEFAULT_LIMIT;
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** What this customer's e-commerce invoices of the last 24 h count, in the limit currency. */
export function customerUsage(sb: Sandbox, email: string): Money {
  const since = sb.now() - 86_400_000;
  const key = emailKey(email);
  const ccy = sb.settings.limitCcy;
  return Object.values(sb.payInvoices())
    .filter((i) => i.limitUsage && emailKey(i.limitUsage.email) === key && i.t >= since)
    .filter((i) => !(i.status === "EXPIRED" && i.payments.length === 0))
    .reduce((sum, i) => {
      const u = i.limitUsage!;
      return sum.add(u.ccy === ccy ? u.amount : (sb.convert(u.amount, u.ccy, ccy, 8) ?? "0"));
    }, new Money(0));
}

/** `amount` of `currency` in the limit currency, rounded up (null when the sandbox has no price). */
export function inLimitCcy(sb: Sandbox, amount: string, currency: string): string | null {
  const ccy = sb.settings.limitCcy;
  return currency === ccy ? toAmountString(new Money(amount)) : sb.convert(amount, currency, ccy, 8);
}

/** Refuses an invoice whose amount a requested currency's range does not take (called by create). */
export function enforceLimits(sb: Sandbox, amount: string, currency: string, symbols: string[]) {
  const inCcy = inLimitCcy(sb, amount, currency);
  if (inCcy === null) throw payError("ERR_CREATE_INVOICE", "ERR_PAY_CURRENCY_INVALID");
  for (const s of symbols) {
    const { min, max } = currencyLimit(sb, s);
    if (new Money(inCcy).lt(min) || new Money(inCcy).gt(max))
      throw payError("ERR_CREATE_INVOICE", "ERR_PAY_AMOUNT_INVALID");
  }
}

/**
 * Refuses an e-commerce invoice that would take its customer past their daily limit; otherwise
 * says what it will count. The refusal is Pay-style, `ERR_CREATE_INVOICE: ERR_PAY_…`; its name is
 * our choice (Bitfinex documents no name for it, UNCONFIRMED).
 */
export function customerDailyCheck(
  sb: Sandbox,
  amount: string,
  currency: string,
  email: string,
): NonNullable<SbPayInvoice["limitUsage"]> {
  const ccy = sb.settings.limitCcy;
  const inCcy = inLimitCcy(sb, amount, currency);
  if (inCcy === null) throw payError("ERR_CREATE_INVOICE", "ERR_PAY_CURRENCY_INVALID");
  const left = new Money(sb.settings.customerDailyLimit).sub(customerUsage(sb, email));
  if (new Money(inCcy).gt(left)) throw payError("ERR_CREATE_INVOICE", "ERR_PAY_CUSTOMER_DAILY_LIMIT_REACHED");
  return { email, amount: inCcy, ccy };
}

/**
 * Our answer ("unconfirmed" shape, the documented field names in camelCase): without emails one
 * object `{ecommerceLimit, posLimit, posUsage, limitCcy}`; with `customerEmails`, one such object
 * per customer with `ecommerceCustomerEmail` and `ecommerceCustomerUsage`. The sandbox has no POS
 * limit (null). `limitCcy` is ours too: Bitfinex's page names no currency.
 */
export function dailyLimit(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const emails = body.customerEmails;
  if (
    emails !== undefined &&
    (!Array.isArray(emails) ||
      emails.length > 100 ||
      emails.some((e) => typeof e !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)))
  ) {
    throw new BfxError(10020, "customerEmails: invalid");
  }
  const base = {
    ecommerceLimit: toAmountString(new Money(sb.settings.customerDailyLimit)),
    posLimit: null,
    posUsage: null,
    limitCcy: sb.settings.limitCcy,
  };
  if (!Array.isArray(emails) || emails.length === 0) return json(base);
  return json(
    (emails as string[]).map((email) => ({
      ...base,
      ecommerceCustomerEmail: email,
      ecommerceCustomerUsage: toAmountString(customerUsage(sb, email)),
    })),
  );
}

export function currencyDetailed(sb: Sandbox): SandboxAnswer {
  const limitCcy = sb.settings.limitCcy;
  const rows = [...PAY_CURRENCIES.values()].map((c) => {
    const { min, max } = currencyLimit(sb, c.symbol);
    return { ccy: c.symbol, name: c.assetName, network: c.networkName, min, max, limitCcy, enabled: true };
  });
  return json(rows);
}

// ---- refunds ---------------------------------------------------------------------------------

export function refund(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const op = "ERR_REFUND_INVOICE";
  const inv = invoiceOf(sb, op, body.id);
  if (typeof body.ccy !== "string" || body.ccy.length === 0) throw new BfxError(10020, "ccy: invalid");
  if (typeof body.amount !== "string" || !isDecimalString(body.amount) || new Money(body.amount).lte(0))
    throw new BfxError(10020, "amount: invalid");
  const addr = body.address;
  if (!addr || typeof addr !== "object" || Array.isArray(addr)) throw new BfxError(10020, "address: invalid");
  const { address, payment_id } = addr as Record<string, unknown>;
  if (typeof address !== "string" || address.length === 0) throw new BfxError(10020, "address.address: invalid");
  if (payment_id !== undefined && typeof payment_id !== "string")
    throw new BfxError(10020, "address.payment_id: invalid");
  const paid = inv.payments.filter((p) => p.currency === body.ccy && p.status === "COMPLETED");
  if (paid.length === 0) throw payError(op, "ERR_PAY_CURRENCY_INVALID");
  // The chain of the refund is the chain the customer paid on.
  const format = payCurrency(paid[0]!.symbol)?.format;
  if (format && format !== "lightning" && !isValidAddress(format, address))
    throw payError(op, "ERR_PAY_ADDRESS_INVALID");
  const received = paid.reduce((sum, p) => sum.add(p.amount), new Money(0));
  const refunded = (inv.refunds ?? [])
    .filter((r) => r.ccy === body.ccy)
    .reduce((sum, r) => sum.add(r.amount), new Money(0));
  if (new Money(body.amount).gt(received.sub(refunded))) throw payError(op, "ERR_PAY_REFUND_AMOUNT_EXCEEDED");
  const entry: SbRefund = {
    id: randomUUID(),
    ccy: body.ccy,
    amount: toAmountString(new Money(body.amount)),
    address,
    paymentId: (payment_id as string | undefined) ?? null,
    t: sb.now(),
    status: "COMPLETED",
  };
  const next = { ...inv, refunds: [...(inv.refunds ?? []), entry] };
  sb.savePayInvoice(next);
  // The refunded invoice, as Pay's documented writes (complete, expire) answer; its `refunds`
  // list and the refund objects in it are the sandbox's own, UNCONFIRMED.
  return json(
    stringifyWithRawNumbers({ ...invoiceObject(next), refunds: next.refunds.map((r) => refundObject(inv.id, r)) }),
  );
}

/** Our wire form of a refund ("unconfirmed"): the refund's own id, with its invoice's. */
export function refundObject(invoiceId: string, r: SbRefund) {
  return {
    id: r.id,
    invoiceId,
    ccy: r.ccy,
    amount: r.amount,
    address: { address: r.address, ...(r.paymentId && { payment_id: r.paymentId }) },
    status: r.status,
    t: r.t,
  };
}

export function markRefunded(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const inv = invoiceOf(sb, "ERR_MARK_REFUNDED", body.id);
  if (typeof body.refundId !== "string" || body.refundId.length === 0 || body.refundId.length > 255)
    throw new BfxError(10020, "refundId: invalid");
  if (inv.payments.length === 0) throw payError("ERR_MARK_REFUNDED", "ERR_PAY_INVOICE_NOT_PAID");
  if (!(inv.refunds ?? []).some((r) => r.id === body.refundId)) {
    const marked: SbRefund = {
      id: body.refundId,
      ccy: inv.payments[0]!.currency,
      amount: "0",
      address: "",
      paymentId: null,
      t: sb.now(),
      status: "MARKED",
    };
    sb.savePayInvoice({ ...inv, refunds: [...(inv.refunds ?? []), marked] });
  }
  return json(true);
}

// ---- update and events -----------------------------------------------------------------------

export function update(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const inv = invoiceOf(sb, "ERR_UPDATE_INVOICE", body.id);
  const fields = body.fields;
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) throw new BfxError(10020, "fields: invalid");
  const unknown = Object.keys(fields).filter((k) => k !== "customerInfo");
  if (unknown.length) throw new BfxError(10020, `fields.${unknown[0]}: not allowed`);
  const info = (fields as Record<string, unknown>).customerInfo;
  if (info !== undefined) {
    if (!info || typeof info !== "object" || typeof (info as Record<string, unknown>).tosAccepted !== "boolean")
      throw new BfxError(10020, "fields.customerInfo.tosAccepted: invalid");
    if (!inv.customerInfo) throw payError("ERR_UPDATE_INVOICE", "ERR_PAY_INVOICE_HAS_NO_CUSTOMER");
  }
  if (body.privateNote !== undefined && (typeof body.privateNote !== "string" || body.privateNote.length > 1000))
    throw new BfxError(10020, "privateNote: invalid");
  const accepted = (info as { tosAccepted?: boolean } | undefined)?.tosAccepted;
  const next: SbPayInvoice = {
    ...inv,
    ...(accepted !== undefined &&
      inv.customerInfo && {
        customerInfo: { ...inv.customerInfo, tosAccepted: accepted },
        tosAcceptedAt: accepted ? (inv.tosAcceptedAt ?? sb.now()) : null,
      }),
    ...(typeof body.privateNote === "string" && { privateNote: body.privateNote }),
  };
  sb.savePayInvoice(next);
  return json(stringifyWithRawNumbers(invoiceObject(next)));
}

/**
 * Our wire form of invoice events ("unconfirmed"): `[{t, type, message}]`, oldest first, derived
 * from what the sandbox recorded (creation, each payment, expiry or completion, refunds, terms).
 */
export function events(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const inv = invoiceOf(sb, "ERR_INVOICE_EVENTS", body.id);
  const list: Array<{ t: number; type: string; message: string }> = [
    { t: inv.t, type: "CREATED", message: `${inv.amount} ${inv.currency} in ${inv.payCurrencies.join(", ")}` },
  ];
  if (inv.tosAcceptedAt)
    list.push({ t: inv.tosAcceptedAt, type: "TOS_ACCEPTED", message: "the customer accepted the terms of service" });
  for (const p of inv.payments)
    list.push({
      t: p.createdAt,
      type: p.late ? "PAYMENT_RECEIVED_LATE" : "PAYMENT_RECEIVED",
      message: `${p.amount} ${p.currency} (${p.method})`,
    });
  const settledAt = inv.completedAt ?? Math.max(inv.t, ...inv.payments.map((p) => p.updatedAt));
  if (inv.status === "COMPLETED") list.push({ t: settledAt, type: "COMPLETED", message: "invoice completed" });
  if (inv.status === "EXPIRED")
    list.push({ t: inv.expiredAt ?? inv.t + inv.duration * 1000, type: "EXPIRED", message: "invoice expired" });
  for (const r of inv.refunds ?? [])
    list.push({
      t: r.t,
      type: r.status === "MARKED" ? "MARKED_REFUNDED" : "REFUNDED",
      message: r.status === "MARKED" ? `marked refunded (${r.id})` : `${r.amount} ${r.ccy} to ${r.address}`,
    });
  return json(list.sort((a, b) => a.t - b.t));
}

// ---- conversion rules ------------------------------------------------------------------------

const FIAT_TARGETS = ["USD", "EUR", "GBP", "CHF", "JPY"];
/** A pay symbol (UST-ETH) or an API symbol (UST), stored as the API symbol, as the SDK says. */
function apiSymbol(value: unknown, field: string): string {
  if (typeof value !== "string") throw new BfxError(10020, `${field}: invalid`);
  const pay = payCurrency(value);
  if (pay) return pay.asset;
  const assets = new Set([...PAY_CURRENCIES.values()].map((c) => c.asset));
  if (assets.has(value) || (FIAT_TARGETS.includes(value) && FIAT_CURRENCIES.has(value))) return value;
  throw new BfxError(10020, `${field}: invalid`);
}

interface SbConversion {
  baseCcy: string;
  convertCcy: string;
  created: number;
}
const conversions = (sb: Sandbox) => sb.journal.collection<SbConversion>("conversions");

export function conversionList(sb: Sandbox): SandboxAnswer {
  return json(Object.values(conversions(sb)).sort((a, b) => a.created - b.created));
}

export function conversionCreate(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const baseCcy = apiSymbol(body.baseCcy, "baseCcy");
  const convertCcy = apiSymbol(body.convertCcy, "convertCcy");
  if (baseCcy === convertCcy) throw payError("ERR_CREATE_CONVERSION", "ERR_PAY_SAME_CURRENCY");
  if (Object.values(conversions(sb)).some((c) => c.baseCcy === baseCcy && c.convertCcy !== convertCcy))
    throw payError("ERR_CREATE_CONVERSION", "ERR_PAY_BASE_CCY_ALREADY_CONVERTED");
  const key = `${baseCcy}>${convertCcy}`;
  if (!conversions(sb)[key]) sb.journal.put("conversions", key, { baseCcy, convertCcy, created: sb.now() });
  return json(true);
}

export function conversionRemove(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  const key = `${apiSymbol(body.baseCcy, "baseCcy")}>${apiSymbol(body.convertCcy, "convertCcy")}`;
  if (!conversions(sb)[key]) throw payError("ERR_REMOVE_CONVERSION", "ERR_PAY_CONVERSION_NOT_FOUND");
  sb.journal.delete("conversions", key);
  return json(true);
}

// ---- merchant settings -----------------------------------------------------------------------

/** The keys of docs.bitfinex.com/reference/merchant-settings-list. */
export const SETTING_KEYS = [
  "bfx_pay_preferred_fiat",
  "bfx_pay_recommend_store",
  "bfx_pay_notify_payment_completed",
  "bfx_pay_notify_payment_completed_email",
  "bfx_pay_notify_customer_payment_completed_email",
  "bfx_pay_notify_invoice_created_email",
  "bfx_pay_notify_invoice_expired_email",
  "bfx_pay_notify_autoconvert_executed",
  "bfx_pay_notify_customer_email_language",
  "bfx_pay_dust_balance_ui",
  "bfx_pay_merchant_customer_support_url",
  "bfx_pay_merchant_fee",
  "bfx_pay_merchant_underpaid_acceptance_enabled",
  "bfx_pay_merchant_underpaid_threshold",
];
const settingsOf = (sb: Sandbox) => sb.journal.collection<string | number | boolean>("merchantSettings");
function settingKey(value: unknown, field = "key"): string {
  if (typeof value !== "string" || !SETTING_KEYS.includes(value)) throw new BfxError(10020, `${field}: invalid`);
  return value;
}
function settingValue(entry: Record<string, unknown>, field: string): string | number | boolean | null {
  // The Node SDK says `value`, the Python SDK `val`: both are taken (which Bitfinex wants is unconfirmed).
  const v = "value" in entry ? entry.value : entry.val;
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  throw new BfxError(10020, `${field}: invalid`);
}
function write(sb: Sandbox, key: string, value: string | number | boolean | null) {
  if (value === null) sb.journal.delete("merchantSettings", key);
  else sb.journal.put("merchantSettings", key, value);
}

export function settingsSet(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  write(sb, settingKey(body.key), settingValue(body, "value"));
  return json(true);
}

export function settingsSetBatch(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  if (!Array.isArray(body.settings) || body.settings.length === 0 || body.settings.length > SETTING_KEYS.length)
    throw new BfxError(10020, "settings: invalid");
  const parsed = body.settings.map((s, i) => {
    if (!s || typeof s !== "object") throw new BfxError(10020, `settings[${i}]: invalid`);
    return [
      settingKey((s as Record<string, unknown>).key, `settings[${i}].key`),
      settingValue(s as Record<string, unknown>, `settings[${i}].value`),
    ] as const;
  });
  for (const [k, v] of parsed) write(sb, k, v); // all checked first: nothing half-written
  return json(true);
}

export function settingsGet(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  // Stringified here: json() passes a string through as the body itself.
  return json(JSON.stringify(settingsOf(sb)[settingKey(body.key)] ?? null));
}

export function settingsList(sb: Sandbox, body: Record<string, unknown>): SandboxAnswer {
  if (!Array.isArray(body.keys)) throw new BfxError(10020, "keys: invalid");
  const keys = body.keys.length === 0 ? SETTING_KEYS : body.keys.map((k, i) => settingKey(k, `keys[${i}]`));
  const all = settingsOf(sb);
  return json(keys.filter((k) => k in all).map((key) => ({ key, value: all[key] })));
}
