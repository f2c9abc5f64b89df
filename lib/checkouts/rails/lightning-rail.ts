/**
 * The Lightning rail without Bitfinex Pay: LNX deposit invoices. The fiat amount is converted
 * with Bitfinex's own ticker (the rate and its time are kept with the invoice), Bitfinex's LNX
 * limits are checked before any call, and the account's LNX deposit address is created once.
 */
import { and, eq, gt, isNotNull, ne } from "drizzle-orm";
import { isBitfinexError } from "../../bitfinex/errors";
import { LNX_MAX_BTC, LNX_MIN_BTC, lnxAmountProblem } from "../../bitfinex/lightning/deposit-invoice";
import type { LightningInvoice, LightningPayment } from "../../bitfinex/types";
import { appState, checkoutInvoices } from "../../db/schema";
import { ApiError } from "../../errors/api-error";
import { Money, toAmountString } from "../../money/decimal";
import type { CheckoutDeps } from "../deps";
import type { Observation, RecordedPayment } from "../observation";
import type { CheckoutRow, InvoiceRow } from "../../db/schema";

export interface BtcQuote {
  amountBtc: string;
  /** Fiat per BTC used for the conversion. */
  rate: string;
  source: string;
  at: number;
}

/**
 * Converts `amount` of fiat `currency` to BTC at Bitfinex's bid (the price the merchant could sell
 * at), rounded up to the satoshi so the merchant is never short. Pairs Bitfinex does not list go
 * through USD with Bitfinex's FX rate.
 */
export async function quoteBtc(deps: CheckoutDeps, amount: string, currency: string): Promise<BtcQuote> {
  let rate: Money;
  let source: string;
  try {
    const ticker = await deps.bitfinex.market.getTicker(`tBTC${currency}`);
    rate = new Money(ticker.bid);
    source = `tBTC${currency} bid`;
  } catch (e) {
    // No such pair (invalid_request), or an answer we cannot read (an empty or malformed ticker):
    // go through USD, which Bitfinex always lists, and its FX rate.
    if (!isBitfinexError(e) || (e.kind !== "invalid_request" && e.kind !== "malformed") || currency === "USD") throw e;
    const [ticker, usdPerUnit] = await Promise.all([
      deps.bitfinex.market.getTicker("tBTCUSD"),
      deps.bitfinex.market.getFxRate(currency, "USD"),
    ]);
    rate = new Money(ticker.bid).div(usdPerUnit);
    source = `tBTCUSD bid / fx ${currency}:USD`;
  }
  if (!rate.gt(0))
    throw new ApiError({
      code: "rate_unavailable",
      message: "No exchange rate is available for Lightning right now. Please try again shortly.",
    });
  const amountBtc = toAmountString(new Money(amount).div(rate).toDecimalPlaces(8, Money.ROUND_UP));
  return { amountBtc, rate: toAmountString(rate.toDecimalPlaces(8)), source, at: deps.now() };
}

/** Bitfinex's LNX limits, as an error a customer and a merchant can act on. */
export function checkLightningLimits(quote: BtcQuote, currency: string): void {
  const problem = lnxAmountProblem(quote.amountBtc);
  if (!problem) return;
  const tooBig = new Money(quote.amountBtc).gt(LNX_MAX_BTC);
  throw new ApiError({
    code: "amount_out_of_range",
    message:
      `${problem}: this order is ${quote.amountBtc} BTC at ${quote.rate} ${currency}/BTC. ${tooBig ? "Please choose another currency." : ""}`.trim(),
    field: "amount",
    extra: { limits: { minBtc: LNX_MIN_BTC, maxBtc: LNX_MAX_BTC } },
  });
}

const LNX_ADDRESS_KEY = "lnx_deposit_address";

/** Bitfinex needs an LNX deposit address before the first invoice; made once and remembered. */
export async function ensureLnxDepositAddress(deps: CheckoutDeps): Promise<string | null> {
  const [known] = await deps.db.select().from(appState).where(eq(appState.key, LNX_ADDRESS_KEY)).limit(1);
  if (known) return (known.value as { address: string | null }).address;
  // op_renew 0 returns the existing address, so two instances racing here get the same one.
  const created = await deps.bitfinex.lightning.createDepositAddress({ method: "LNX" });
  await deps.db
    .insert(appState)
    .values({ key: LNX_ADDRESS_KEY, value: { address: created.address } })
    .onConflictDoNothing();
  return created.address;
}

export async function createLightningInvoiceFor(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
): Promise<{ invoice: LightningInvoice; quote: BtcQuote }> {
  const quote = await quoteBtc(deps, toAmountString(new Money(checkout.amount)), checkout.currency);
  checkLightningLimits(quote, checkout.currency);
  await ensureLnxDepositAddress(deps);
  quote.amountBtc = await uniqueLightningAmount(deps, quote.amountBtc);
  const invoice = await deps.bitfinex.lightning.createInvoice(quote.amountBtc);
  return { invoice, quote };
}

/** Reads an LNX invoice payment as an observation (Lightning is paid in full or not at all). */
export function observeLightning(payment: LightningPayment | null, invoice: InvoiceRow): Observation {
  const due = invoice.amountBtc ? toAmountString(new Money(invoice.amountBtc)) : null;
  const base = { payCurrency: "LNX", amountDue: due, confirmations: null, requiredConfirmations: null, payments: [] };
  if (payment?.state === "paid") {
    const amountPaid = payment.amountBtc ?? due;
    // A settled Lightning payment is final: the payment hash stands in for a transaction id.
    const record: RecordedPayment = {
      payCurrency: "LNX",
      txid: payment.paymentHash,
      amount: amountPaid ?? "0",
      currency: "BTC",
      method: "LNX",
      status: payment.rawStatus,
      confirmations: null,
      createdAt: payment.createdAt ? new Date(payment.createdAt).toISOString() : null,
      updatedAt: null,
      depositId: null,
      ledgerId: null,
      forceCompleted: false,
      amountDiff: null,
    };
    return { ...base, kind: "full", amountPaid, upstreamStatus: payment.rawStatus, payments: [record] };
  }
  if (payment?.state === "expired")
    return { ...base, kind: "expired", amountPaid: "0", upstreamStatus: payment.rawStatus };
  return { ...base, kind: "open", amountPaid: "0", upstreamStatus: payment?.rawStatus ?? "unknown" };
}

/** Invoices still this close to their expiry count as open (a deposit may be stamped late). */
const UNIQUE_AMOUNT_SLACK_MS = 15 * 60_000;

/**
 * The invoice amount made unique to the satoshi among the account's open Lightning invoices, so a
 * deposit movement (which names no invoice) points at one: the quote is raised one satoshi at a
 * time while another open invoice asks for the same amount (the merchant receives those satoshis).
 */
export async function uniqueLightningAmount(deps: CheckoutDeps, amountBtc: string): Promise<string> {
  const open = await deps.db
    .select({ amountBtc: checkoutInvoices.amountBtc })
    .from(checkoutInvoices)
    .where(
      and(
        eq(checkoutInvoices.rail, "lightning"),
        isNotNull(checkoutInvoices.amountBtc),
        gt(checkoutInvoices.expiresAt, new Date(deps.now() - UNIQUE_AMOUNT_SLACK_MS)),
        ne(checkoutInvoices.status, "creating"),
      ),
    );
  const taken = new Set(open.map((o) => toAmountString(new Money(o.amountBtc!))));
  let amount = new Money(amountBtc);
  for (let i = 0; i < 1000 && taken.has(toAmountString(amount)); i++) amount = amount.plus("0.00000001");
  return toAmountString(amount);
}
