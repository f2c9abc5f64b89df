/**
 * Greenfield pull payments as this app's refund claim links (lib/refunds/claims.ts). A plugin's
 * refund (`POST stores/{s}/pull-payments`) becomes a claim on the invoice it names, in the coin
 * the customer paid, and is answered as BTCPay's PullPaymentData with `viewLink` = our claim page;
 * `GET pull-payments/{id}` (public, as in BTCPay) reads it back.
 *
 * Which invoice: BTCPay's request carries none. BTCPay for WooCommerce names the pull payment
 * "Refund of order <order number>; <reason>" (cut to 50 characters, the prefix translatable) and
 * made the invoice with `metadata.orderId` = that order number; so the word before the first ";"
 * (or the last word, when the cut took the ";") is looked up as the order id of a paid invoice.
 * An invoice id (co_…) anywhere in the name or description wins over that.
 *
 * Amount: in the order's currency (converted at the invoice's own rate: what the customer paid
 * for the order, never today's price), in the coin paid (BTC, or our symbol such as UST-ETH), or
 * SATS; at most what was paid minus refunds sent or in flight and open claim links.
 *
 * Approval: autoApproveClaims false (what the plugin sends): the merchant approves in the
 * dashboard. True needs the key to hold cancreatepullpayments (refunds:write), as BTCPay asks,
 * and then the merchant's auto-approve limit decides; either way a claim is sent at most once.
 *
 * The pull payment's id is the claim link's token (only its hash is stored): whoever has the id
 * can open the claim page, as with BTCPay's own pull payment ids.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { CheckoutDeps } from "../checkouts/deps";
import { SETTLED_STATES } from "../checkouts/state-machine";
import { payCurrency, type PayCurrency } from "../currencies/pay-currencies";
import { checkouts, greenfieldPullPayments, type CheckoutRow } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { isId } from "../ids";
import { isDecimalString, money, Money, toAmountString } from "../money/decimal";
import {
  claimPath,
  committedAmount,
  DEFAULT_CLAIM_TTL_HOURS,
  findClaimByToken,
  MAX_CLAIM_TTL_HOURS,
  offerRefundClaim,
  type ClaimAudit,
  type ClaimRow,
} from "../refunds/claims";
import { amountLiteral } from "./body";
import { GreenfieldError, validation } from "./errors";
import { payCurrencyOf } from "./invoices";

type Problem = { path: string; message: string };

/** BTCPay's default for a store's refunds (StoreBlob.RefundBOLT11Expiration), in days. */
const BOLT11_EXPIRATION_DAYS = 30;
const NAME_MAX = 50;

export const pullPaymentNotFound = () =>
  new GreenfieldError(404, { code: "pullpayment-not-found", message: "The pull payment was not found" });

export interface PullPaymentRequest {
  name: string | null;
  description: string | null;
  /** The decimal as written, in `currency`. */
  amount: string;
  currency: string;
  autoApproveClaims: boolean;
  /** Hours the claim link stays open. */
  expiresInHours: number;
  /** Our pay currencies the request allows (null: any). */
  payoutMethods: string[] | null;
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The request checked as BTCPay's GreenfieldPullPaymentController checks it (its paths, PascalCase
 * as its ModelState names them, and its sentences where it has one), plus what this app cannot do:
 * a start in the future, a link open longer than 30 days.
 */
export function parsePullPaymentRequest(body: Record<string, unknown>, text: string, now: number): PullPaymentRequest {
  const problems: Problem[] = [];
  let literal: string | null = null;
  let amountRead = true;
  try {
    literal = amountLiteral(body, text, "Amount");
  } catch (e) {
    if (!(e instanceof GreenfieldError)) throw e;
    problems.push(...(e.body as Problem[]));
    amountRead = false;
  }
  if (literal !== null && !isDecimalString(literal)) {
    problems.push({ path: "Amount", message: 'must be a decimal string such as "10.00"' });
    amountRead = false;
  }
  // Absent reads as 0, as BTCPay's decimal does, and is refused with its sentence.
  const amount = amountRead ? (literal ?? "0") : "0";
  if (amountRead && !money(amount).gt(0)) problems.push({ path: "Amount", message: "The amount should more than 0." });
  const name = str(body.name);
  if (body.name != null && name === null) problems.push({ path: "Name", message: "must be a string" });
  if (name !== null && name.length > NAME_MAX)
    problems.push({ path: "Name", message: "The name should be maximum 50 characters." });
  const description = str(body.description);
  const currency = (str(body.currency) ?? "").trim().toUpperCase();
  if (!currency) problems.push({ path: "Currency", message: "This field is required" });
  else if (!/^[A-Z0-9-]{2,12}$/.test(currency)) problems.push({ path: "Currency", message: "Invalid currency" });
  const seconds = (field: "startsAt" | "expiresAt", path: string): number | null => {
    const v = body[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      problems.push({ path, message: "must be a unix timestamp in seconds" });
      return null;
    }
    return v;
  };
  const startsAt = seconds("startsAt", "StartsAt");
  const expiresAt = seconds("expiresAt", "ExpiresAt");
  if (expiresAt !== null && startsAt !== null && expiresAt < startsAt)
    problems.push({ path: "ExpiresAt", message: "expiresAt should be higher than startAt" });
  if (startsAt !== null && startsAt * 1000 > now + 60_000)
    problems.push({
      path: "StartsAt",
      message: "a refund link here can be claimed at once: leave startsAt null (or in the past)",
    });
  let expiresInHours = DEFAULT_CLAIM_TTL_HOURS;
  if (expiresAt !== null) {
    const hours = Math.ceil((expiresAt * 1000 - now) / 3_600_000);
    if (hours < 1) problems.push({ path: "ExpiresAt", message: "must be in the future" });
    else if (hours > MAX_CLAIM_TTL_HOURS)
      problems.push({
        path: "ExpiresAt",
        message: `at most ${MAX_CLAIM_TTL_HOURS / 24} days from now: refund links here close within ${MAX_CLAIM_TTL_HOURS / 24} days (null: ${DEFAULT_CLAIM_TTL_HOURS / 24} days)`,
      });
    else expiresInHours = hours;
  }
  const b11 = body.BOLT11Expiration;
  if (typeof b11 === "number" && b11 < 0)
    problems.push({ path: "BOLT11Expiration", message: "The BOLT11 expiration should be positive" });
  if (body.autoApproveClaims != null && typeof body.autoApproveClaims !== "boolean")
    problems.push({ path: "AutoApproveClaims", message: "must be true or false" });
  // BTCPay 2 reads payoutMethods; the PHP client sends the same list as paymentMethods too (BTCPay 1's name).
  const rawMethods = body.payoutMethods ?? body.paymentMethods ?? null;
  let payoutMethods: string[] | null = null;
  if (rawMethods !== null) {
    if (!Array.isArray(rawMethods)) problems.push({ path: "PayoutMethods", message: "must be a list of ids" });
    else {
      if (rawMethods.length === 0)
        problems.push({ path: "PayoutMethods", message: "At least one payout method is required" });
      payoutMethods = [];
      rawMethods.forEach((m, i) => {
        const ours = typeof m === "string" ? payCurrencyOf(m) : null;
        if (ours === null)
          problems.push({ path: `PayoutMethods[${i}]`, message: "Invalid or unsupported payment method" });
        else payoutMethods!.push(ours);
      });
    }
  }
  if (problems.length > 0) throw validation(problems);
  return {
    name,
    description,
    amount,
    currency,
    autoApproveClaims: body.autoApproveClaims === true,
    expiresInHours,
    payoutMethods,
  };
}

/** The order number the WooCommerce plugin's name carries: the word before the first ";", else the last word. */
export function orderIdFromName(name: string): string | null {
  const before = /(\S+)\s*;/.exec(name);
  if (before) return before[1]!;
  const words = name.trim().split(/\s+/);
  return words.length > 1 ? words[words.length - 1]! : null;
}

/** The paid invoice the request is for (see the header), or a 422 on `Name` saying what was looked for. */
export async function invoiceFor(deps: CheckoutDeps, req: PullPaymentRequest): Promise<CheckoutRow> {
  const text = `${req.name ?? ""} ${req.description ?? ""}`;
  const explicit = (text.match(/\bco_[a-z2-7]{26}\b/g) ?? []).filter((id) => isId(id, "co"));
  if (explicit.length > 0) {
    const [row] = await deps.db.select().from(checkouts).where(eq(checkouts.id, explicit[0]!)).limit(1);
    if (!row) throw validation([{ path: "Name", message: `names the invoice ${explicit[0]}, which does not exist` }]);
    return row;
  }
  const orderId = req.name ? orderIdFromName(req.name) : null;
  if (!orderId)
    throw validation([
      {
        path: "Name",
        message:
          'must name the invoice to refund: "Refund of order <order id>; <reason>" (the invoice\'s metadata.orderId), or its id',
      },
    ]);
  const rows = await deps.db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.orderId, orderId), inArray(checkouts.state, SETTLED_STATES)))
    .orderBy(desc(checkouts.createdAt))
    .limit(5);
  if (rows.length === 0)
    throw validation([
      { path: "Name", message: `no paid invoice has the order id "${orderId}", so there is nothing to refund` },
    ]);
  if (rows.length > 1)
    throw validation([
      {
        path: "Name",
        message: `${rows.length} paid invoices have the order id "${orderId}" (${rows.map((r) => r.id).join(", ")}): put the id of the one to refund in the name or description, or refund it from the dashboard`,
      },
    ]);
  return rows[0]!;
}

/**
 * The request's amount in the coin the customer paid: as is when given in that coin (or SATS for
 * bitcoin), else from the order's currency at the invoice's rate (amount due ÷ order amount),
 * rounded down to the coin's decimals so a conversion never adds value.
 */
export function coinAmount(row: CheckoutRow, info: PayCurrency, req: Pick<PullPaymentRequest, "amount" | "currency">) {
  const asked = money(req.amount);
  if (req.currency === info.asset || req.currency === info.symbol) {
    if (asked.decimalPlaces() > info.decimals)
      throw validation([{ path: "Amount", message: `${info.asset} amounts have at most ${info.decimals} decimals` }]);
    return toAmountString(asked);
  }
  if (req.currency === "SATS" && info.asset === "BTC") {
    if (!asked.isInteger()) throw validation([{ path: "Amount", message: "SATS amounts are whole satoshis" }]);
    return toAmountString(asked.div(100_000_000));
  }
  if (req.currency === row.currency && row.amountDue) {
    const coin = asked.mul(row.amountDue).div(row.amount).toDecimalPlaces(info.decimals, Money.ROUND_DOWN);
    if (coin.lte(0))
      throw validation([
        {
          path: "Amount",
          message: `${req.amount} ${req.currency} is less than the smallest amount of ${info.asset} that can be sent`,
        },
      ]);
    return toAmountString(coin);
  }
  throw validation([
    {
      path: "Currency",
      message: `must be ${row.currency} (the order's currency) or ${info.asset} (the coin the customer paid in): a refund goes back in the coin paid`,
    },
  ]);
}

/** The 422 when the amount is more than is left: both currencies, and why. */
async function tooMuch(
  deps: CheckoutDeps,
  row: CheckoutRow,
  info: PayCurrency,
  coin: string,
  asked: Pick<PullPaymentRequest, "amount" | "currency">,
) {
  const committed = await committedAmount(deps.db, row.id, deps.now());
  const paid = money(row.amountPaid!);
  const left = Money.max(paid.sub(committed), 0);
  const worth = (c: Money) =>
    row.amountDue && money(row.amountDue).gt(0)
      ? ` (${c.mul(row.amount).div(row.amountDue).toDecimalPlaces(2, Money.ROUND_DOWN).toFixed(2)} ${row.currency} at the invoice's rate)`
      : "";
  const asset = info.asset;
  return validation([
    {
      path: "Amount",
      message: left.lte(0)
        ? `nothing is left to refund on invoice ${row.id}: ${toAmountString(paid)} ${asset} was paid and all of it is already refunded or offered in an open refund link`
        : `${asked.currency === asset ? "" : `${asked.amount} ${asked.currency} = `}${coin} ${asset} is more than is left: at most ${toAmountString(left)} ${asset}${worth(left)} can be refunded on invoice ${row.id} (${toAmountString(paid)} ${asset} paid, ${toAmountString(committed)} ${asset} already refunded or offered in open refund links)`,
    },
  ]);
}

export async function createPullPayment(
  deps: CheckoutDeps,
  req: PullPaymentRequest,
  options: { offeredBy: string; canAutoApprove: boolean; audit?: (checkoutId: string) => ClaimAudit },
) {
  const row = await invoiceFor(deps, req);
  const info = row.payCurrency ? payCurrency(row.payCurrency) : undefined;
  if (!info || !row.amountPaid || info.format === "lightning")
    throw validation([
      {
        path: "Name",
        message: `invoice ${row.id} ${info?.format === "lightning" ? "was paid over Lightning, which cannot be refunded to an address" : "has no payment this server can refund"}: refund it from the dashboard another way`,
      },
    ]);
  if (req.payoutMethods && !req.payoutMethods.includes(info.symbol))
    throw validation([
      {
        path: "PayoutMethods",
        message: `the customer paid invoice ${row.id} in ${info.symbol}, and a refund goes back in the coin paid: include ${info.symbol} (or leave payoutMethods null)`,
      },
    ]);
  const coin = coinAmount(row, info, req);
  const at = new Date(deps.now());
  let made: { claim: ClaimRow; pp: PullPaymentRow } | null = null;
  try {
    const offered = await offerRefundClaim(
      deps,
      row.id,
      { amount: coin, expiresInHours: req.expiresInHours },
      {
        offeredBy: options.offeredBy,
        audit: options.audit?.(row.id),
        autoApprove: req.autoApproveClaims && options.canAutoApprove,
        alongside: async (tx, claim) => {
          const [pp] = await tx
            .insert(greenfieldPullPayments)
            .values({
              claimId: claim.id,
              name: req.name,
              description: req.description,
              amount: req.amount,
              currency: req.currency,
              autoApproveClaims: req.autoApproveClaims,
              createdAt: at,
            })
            .returning();
          made = { claim, pp: pp! };
        },
      },
    );
    const { claim, pp } = made!;
    return pullPaymentView(offered.token, claim, pp, deps.appUrl);
  } catch (e) {
    if (
      e instanceof ApiError &&
      (e.code === "nothing_to_refund" || (e.code === "invalid_field" && e.field === "amount"))
    )
      throw await tooMuch(deps, row, info, coin, req);
    // E.g. a USDt payment (Bitfinex's refund names no network): this invoice cannot be refunded here.
    if (e instanceof ApiError && e.code === "not_refundable")
      throw validation([{ path: "Name", message: `invoice ${row.id}: ${e.message}` }]);
    throw e;
  }
}

type PullPaymentRow = typeof greenfieldPullPayments.$inferSelect;
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** PullPaymentData as BTCPay serialises it (its field order; BOLT11Expiration in whole days). */
export function pullPaymentView(token: string, claim: ClaimRow, pp: PullPaymentRow, appUrl: string) {
  return {
    startsAt: unix(pp.createdAt),
    expiresAt: unix(claim.expiresAt),
    id: token,
    name: pp.name,
    description: pp.description,
    currency: pp.currency,
    amount: pp.amount,
    BOLT11Expiration: BOLT11_EXPIRATION_DAYS,
    archived: claim.status === "cancelled",
    viewLink: `${appUrl}${claimPath(token)}`,
    autoApproveClaims: pp.autoApproveClaims,
  };
}

/** `GET pull-payments/{id}`: any pull payment made here, by its id (the link's token); else 404. */
export async function readPullPayment(deps: CheckoutDeps, id: string) {
  let claim: ClaimRow;
  try {
    claim = await findClaimByToken(deps, id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw pullPaymentNotFound();
    throw e;
  }
  const [pp] = await deps.db.select().from(greenfieldPullPayments).where(eq(greenfieldPullPayments.claimId, claim.id));
  if (!pp) throw pullPaymentNotFound();
  return pullPaymentView(id, claim, pp, deps.appUrl);
}

/** The names plugins gave their pull payments, by claim id (the dashboard shows them beside the claims). */
export async function pullPaymentNames(db: CheckoutDeps["db"], claimIds: string[]): Promise<Map<string, string>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .select({ claimId: greenfieldPullPayments.claimId, name: greenfieldPullPayments.name })
    .from(greenfieldPullPayments)
    .where(inArray(greenfieldPullPayments.claimId, claimIds));
  return new Map(rows.map((r) => [r.claimId, r.name ?? "(no name)"]));
}
