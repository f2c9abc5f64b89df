/**
 * The sandbox's control API (sandbox mode only): simulate what customers and Bitfinex do —
 * payments in full, in part or too much, late payments, confirmations, expiry, lost webhooks,
 * faults for the next N calls, and the Pay API disappearing. Plain JSON, not Bitfinex's format.
 */
import { z } from "zod";
import { Money, isDecimalString, toAmountString } from "../money/decimal";
import type { SandboxApi } from "./api/router";
import { DEFAULT_USD_PRICES } from "./market";
import type { SandboxAnswer } from "./api/http";
import type { SbLnInvoice, SbPayInvoice } from "./model";
import type { Sandbox } from "./sandbox";

const decimal = z.string().refine(isDecimalString, 'must be a decimal string such as "0.5"');
const schemas = {
  pay: z
    .object({
      payCurrency: z.string().optional(),
      amount: decimal.optional(),
      confirmations: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
  fraction: z
    .object({
      payCurrency: z.string().optional(),
      fraction: decimal.optional(),
      confirmations: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
  confirmations: z.object({ confirmations: z.number().int().min(0).max(1000) }).strict(),
  drop: z.object({ count: z.number().int().min(1).max(1000).default(1) }).strict(),
  fault: z
    .object({
      mode: z.enum(["http500", "http429", "timeout", "malformed", "nonce", "maintenance"]),
      count: z.number().int().min(1).max(10_000).default(1),
      pathPrefix: z.string().max(200).default("v2/"),
      delayMs: z.number().int().min(0).max(120_000).default(15_000),
    })
    .strict(),
  chaos: z
    .object({
      rate: z.number().min(0).max(1),
      modes: z
        .array(z.enum(["http500", "http429", "timeout", "malformed", "nonce", "maintenance"]))
        .min(1)
        .default(["http500", "http429", "timeout", "malformed", "nonce"]),
      pathPrefix: z.string().max(200).default("v2/"),
      delayMs: z.number().int().min(0).max(120_000).default(15_000),
      retryAfterSeconds: z.number().int().min(1).max(120).nullable().default(null),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .optional(),
    })
    .strict(),
  payApi: z.object({ availability: z.enum(["available", "withdrawn", "not_merchant"]) }).strict(),
  maintenance: z.object({ on: z.boolean() }).strict(),
  // A price of zero or less would make every invoice amount meaningless (and divide by zero).
  prices: z.record(
    z.string().regex(/^[A-Z]{3,5}$/),
    decimal.refine((v) => !isDecimalString(v) || new Money(v).gt(0), "must be greater than zero"),
  ),
  settings: z
    .object({
      lnInvoiceExpirySeconds: z
        .number()
        .int()
        .min(60)
        .max(86_400 * 7)
        .optional(),
      lnStatusWord: z
        .string()
        .regex(/^[A-Za-z0-9_ -]{1,40}$/)
        .nullable()
        .optional(),
    })
    .strict(),
  key: z
    .object({
      missingScopes: z
        .array(
          z.enum([
            "account",
            "history",
            "orders",
            "positions",
            "funding",
            "settings",
            "wallets",
            "withdraw",
            "ui_withdraw",
            "bfxpay",
          ]),
        )
        .max(10),
    })
    .strict(),
  // The merchant's limits as Bitfinex would publish them (daily/limit, currency/detailed), in
  // `limitCcy` (USD unless set). `dailyLimitUsd` is the old name of `customerDailyLimit` in USD.
  limits: z
    .object({
      customerDailyLimit: decimal.optional(),
      limitCcy: z
        .string()
        .refine((c) => /^[A-Z]{3}$/.test(c) && c in DEFAULT_USD_PRICES, "must be a fiat currency the sandbox prices")
        .optional(),
      dailyLimitUsd: decimal.optional(),
      currencyLimits: z
        .record(
          z.string().regex(/^[A-Z]{2,5}(-[A-Z]{2,5})?$/),
          z
            .object({ min: decimal, max: decimal })
            .strict()
            .refine((l) => new Money(l.min).lte(l.max), "min must not exceed max"),
        )
        .optional(),
    })
    .strict(),
  depositMethods: z
    .object({
      disabled: z
        .array(
          z
            .string()
            .regex(/^[A-Za-z0-9]{2,20}$/)
            .transform((m) => m.toUpperCase()),
        )
        .max(50),
    })
    .strict(),
};

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ok = (value: unknown, status = 200): SandboxAnswer => ({ status, body: JSON.stringify(value) });

function parse<S extends z.ZodType>(schema: S, body: string): z.output<S> {
  let raw: unknown = {};
  if (body.trim()) {
    try {
      raw = JSON.parse(body);
    } catch {
      throw new ControlError(400, "invalid_json", "The body is not valid JSON.");
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ControlError(422, "invalid_field", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return result.data;
}

export function handleControl(api: SandboxApi, method: string, path: string, body: string): SandboxAnswer {
  try {
    return route(api, method, path.replace(/^\/+|\/+$/g, ""), body);
  } catch (e) {
    if (e instanceof ControlError) return ok({ error: e.code, message: e.message }, e.status);
    throw e;
  }
}

function route(api: SandboxApi, method: string, path: string, body: string): SandboxAnswer {
  const sb = api.sb;
  sb.sweep();
  if (method === "GET" && path === "state") return ok(stateOf(api));
  if (method !== "POST") throw new ControlError(404, "not_found", "No such control endpoint.");
  const inv = /^invoices\/([^/]+)\/(pay|underpay|overpay|confirmations|expire)$/.exec(path);
  if (inv) return invoiceAction(sb, decodeURIComponent(inv[1]!), inv[2]!, body);
  switch (path) {
    case "reset":
      sb.reset();
      return ok({ ok: true });
    case "webhooks/drop": {
      const { count } = parse(schemas.drop, body);
      return ok({ ok: true, settings: sb.updateSettings({ dropWebhooks: sb.settings.dropWebhooks + count }) });
    }
    case "faults": {
      const f = parse(schemas.fault, body);
      const faults = [
        ...sb.settings.faults,
        { mode: f.mode, remaining: f.count, pathPrefix: f.pathPrefix, delayMs: f.delayMs },
      ];
      return ok({ ok: true, settings: sb.updateSettings({ faults }) });
    }
    case "chaos": {
      const c = parse(schemas.chaos, body);
      api.setChaos({ ...c, seed: c.seed ?? Math.floor(Math.random() * 2 ** 32) });
      return ok({ ok: true, chaos: api.chaos });
    }
    case "faults/clear":
      return ok({ ok: true, settings: sb.updateSettings({ faults: [] }) });
    case "pay-api":
      return ok({ ok: true, settings: sb.updateSettings({ payApi: parse(schemas.payApi, body).availability }) });
    case "maintenance":
      return ok({ ok: true, settings: sb.updateSettings({ maintenance: parse(schemas.maintenance, body).on }) });
    case "prices":
      return ok({
        ok: true,
        settings: sb.updateSettings({ prices: { ...sb.settings.prices, ...parse(schemas.prices, body) } }),
      });
    case "settings":
      return ok({ ok: true, settings: sb.updateSettings(parse(schemas.settings, body)) });
    case "key":
      // A key made without some scopes: the permissions answer shows them off, and invoice
      // creation fails as Bitfinex fails it when settings, account or orders is missing.
      return ok({
        ok: true,
        settings: sb.updateSettings({ missingKeyScopes: parse(schemas.key, body).missingScopes }),
      });
    case "limits": {
      const l = parse(schemas.limits, body);
      return ok({
        ok: true,
        settings: sb.updateSettings({
          ...(l.dailyLimitUsd && { customerDailyLimit: l.dailyLimitUsd, limitCcy: "USD" }),
          ...(l.customerDailyLimit && { customerDailyLimit: l.customerDailyLimit }),
          ...(l.limitCcy && { limitCcy: l.limitCcy }),
          ...(l.currencyLimits && { currencyLimits: l.currencyLimits }),
        }),
      });
    }
    case "deposit-methods":
      return ok({
        ok: true,
        settings: sb.updateSettings({ disabledDepositMethods: parse(schemas.depositMethods, body).disabled }),
      });
    default:
      throw new ControlError(404, "not_found", "No such control endpoint.");
  }
}

function invoiceAction(sb: Sandbox, id: string, action: string, body: string): SandboxAnswer {
  let payInv = sb.findPayInvoice(id);
  let lnInv = payInv ? undefined : sb.findLnInvoice(id);
  // The BOLT11 of a Pay invoice's Lightning entry: a wallet paying it pays that Pay invoice.
  const owner = lnInv?.payInvoiceId ? sb.findPayInvoice(lnInv.payInvoiceId) : undefined;
  const lnHash = owner ? lnInv!.paymentHash : null;
  if (owner) {
    payInv = owner;
    lnInv = undefined;
  }
  if (!payInv && !lnInv) throw new ControlError(404, "invoice_not_found", `No sandbox invoice ${id}.`);
  if (lnInv) return lightningAction(sb, lnInv, action);
  const inv = payInv!;
  if (action === "expire") {
    if (inv.status === "COMPLETED")
      throw new ControlError(409, "already_completed", "A completed invoice cannot expire.");
    sb.expirePayInvoice(inv);
    return ok({ ok: true, invoice: brief(sb, inv) });
  }
  if (action === "confirmations") {
    sb.setConfirmations(inv, parse(schemas.confirmations, body).confirmations);
    return ok({ ok: true, invoice: brief(sb, inv) });
  }
  const input = action === "pay" ? parse(schemas.pay, body) : parse(schemas.fraction, body);
  // Addressed by one entry's address or Lightning hash: that entry is the one paid, unless payCurrency says otherwise.
  const addressed = inv.invoices.find(
    (e) =>
      e.address === id ||
      e.ext?.hash === id ||
      e.ext?.payment_request === id ||
      (lnHash !== null && e.ext?.hash === lnHash),
  );
  const entry = input.payCurrency
    ? inv.invoices.find((e) => e.symbol === input.payCurrency)
    : (addressed ?? inv.invoices[0]);
  if (!entry) throw new ControlError(422, "invalid_field", `payCurrency: not one of ${inv.payCurrencies.join(", ")}`);
  let amount: string;
  if ("amount" in input && input.amount) amount = input.amount;
  else if (action === "pay") amount = sb.dueOn(inv, entry);
  else {
    const fraction = ("fraction" in input && input.fraction) || (action === "underpay" ? "0.5" : "1.1");
    amount = toAmountString(new Money(entry.amount).mul(fraction).toDecimalPlaces(8, Money.ROUND_DOWN));
  }
  if (new Money(amount).lte(0)) throw new ControlError(409, "nothing_due", "Nothing is left to pay on this invoice.");
  if (entry.poolCurrency === "LNX" && !new Money(amount).eq(entry.amount)) {
    throw new ControlError(422, "lightning_exact", "Lightning invoices are paid in full or not at all.");
  }
  if (entry.poolCurrency === "LNX" && inv.payments.some((p) => p.symbol === "LNX")) {
    throw new ControlError(409, "already_paid", "This Lightning invoice was already paid.");
  }
  const payment = sb.payPayInvoice(inv, entry, amount, input.confirmations);
  return ok({ ok: true, payment, invoice: brief(sb, inv) });
}

function lightningAction(sb: Sandbox, ln: SbLnInvoice, action: string): SandboxAnswer {
  if (action === "expire") {
    if (ln.status === "paid") throw new ControlError(409, "already_paid", "A paid invoice cannot expire.");
    sb.saveLnInvoice({ ...ln, status: "expired", expiresAt: Math.min(ln.expiresAt, sb.now()) });
  } else if (action === "pay") {
    if (ln.status === "paid") throw new ControlError(409, "already_paid", "This Lightning invoice was already paid.");
    // Paying an expired invoice simulates a payment that raced the expiry.
    sb.saveLnInvoice({ ...ln, status: "paid", paidAt: sb.now(), depositId: sb.nextDepositId() });
  } else {
    throw new ControlError(
      422,
      "lightning_exact",
      "Lightning invoices are paid in full or not at all; use pay or expire.",
    );
  }
  return ok({ ok: true, lightning: sb.findLnInvoice(ln.paymentHash) });
}

function brief(sb: Sandbox, inv: SbPayInvoice) {
  return {
    id: inv.id,
    orderId: inv.orderId,
    status: inv.status,
    amount: inv.amount,
    currency: inv.currency,
    expiresAt: inv.t + inv.duration * 1000,
    entries: inv.invoices.map((e) => ({
      symbol: e.symbol,
      amount: e.amount,
      due: sb.dueOn(inv, e),
      address: e.address,
    })),
    payments: inv.payments,
    refunds: inv.refunds ?? [],
    tosAccepted: inv.customerInfo?.tosAccepted ?? null,
    webhookSent: inv.webhookSent,
  };
}

function stateOf(api: SandboxApi) {
  const sb = api.sb;
  const now = sb.now();
  const lastMinute = api.requestLog.filter((r) => r.at > now - 60_000);
  const all = Object.values(sb.payInvoices());
  const perOrder = new Map<string, number>();
  for (const i of all) perOrder.set(i.orderId, (perOrder.get(i.orderId) ?? 0) + 1);
  return {
    settings: sb.settings,
    payInvoices: Object.values(sb.payInvoices())
      .sort((a, b) => b.t - a.t)
      .slice(0, 200)
      .map((i) => brief(sb, i)),
    lightningInvoices: Object.values(sb.lnInvoices())
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, 200),
    webhooks: sb.webhookLog.slice(-100),
    requests: {
      total: api.requestLog.length,
      lastMinute: lastMinute.length,
      rateLimitedLastMinute: lastMinute.filter((r) => r.status === 429).length,
      nonceRejected: api.nonceRejected,
      // The latest calls with the sandbox's own time for each (newest last).
      recent: api.requestLog.slice(-200),
    },
    chaos: api.chaos && { ...api.chaos, ...api.chaosStats },
    payInvoiceCount: all.length,
    /** Every refund sent or marked, newest first: what a merchant's tooling has paid back. */
    refunds: all
      .flatMap((i) => (i.refunds ?? []).map((r) => ({ ...r, invoiceId: i.id, orderId: i.orderId })))
      .sort((a, b) => b.t - a.t),
    conversions: Object.values(sb.journal.collection("conversions")),
    merchantSettings: sb.journal.collection("merchantSettings"),
    /** Order ids (the app's checkout ids) with more than one Pay invoice: duplicates. */
    duplicateOrderIds: [...perOrder].filter(([, n]) => n > 1).map(([id]) => id),
  };
}
