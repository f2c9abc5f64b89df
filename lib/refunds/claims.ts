/**
 * Refunds the customer claims: the merchant offers an amount as a link, the customer opens it and
 * gives an address on the network they paid with, the merchant approves it (or it is approved at
 * once when worth no more than the auto-approve limit). Approval is a refund like any other: it
 * goes through requestRefund (lib/refunds/request.ts) with the claim's id as its idempotency key,
 * so two approvals at once, a retry or a crash between the send and writing the claim down all
 * answer the one refund row: a claim is sent at most once.
 *
 * States: offered → claimed → approved (then read as the refund's own status: sending, sent,
 * unknown, failed); offered past expiresAt reads as expired; offered or claimed may be cancelled.
 * Every step is a conditional update of the row (`where status = …`), so two tabs claiming at once
 * get one success and one clear "already claimed", never a half-written row.
 *
 * The token is 32 random bytes (base64url) shown once in the link; only its SHA-256 is kept.
 * This is the function API the Greenfield pull-payment layer (issue 26) is meant to call.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { AuditAction } from "../audit/log";
import type { CheckoutDeps } from "../checkouts/deps";
import { findCheckout } from "../checkouts/repository";
import { cryptoString } from "../checkouts/amounts";
import { isValidAddress } from "../chains/addresses";
import { payCurrency } from "../currencies/pay-currencies";
import { appState, checkoutRefunds, refundClaims, type RefundClaimStatus } from "../db/schema";
import { ApiError, notFound } from "../errors/api-error";
import { newId } from "../ids";
import { Money, money, toAmountString } from "../money/decimal";
import { refundAmount } from "./amounts";
import { effectiveStatus, type RefundRow } from "./queries";
import { refundableAsset, requestRefund, type RefundResult } from "./request";

export type ClaimRow = typeof refundClaims.$inferSelect;
/** What people read: the stored state, or once approved the state of its refund. */
export type ClaimViewStatus = Exclude<RefundClaimStatus, "approved"> | "sending" | "sent" | "unknown" | "failed";
/** Records one step in the audit log; the caller fills in who, from where, and the subject. */
export type ClaimAudit = (action: AuditAction, details: Record<string, unknown>) => Promise<unknown>;

export const DEFAULT_CLAIM_TTL_HOURS = 24 * 7;
export const MAX_CLAIM_TTL_HOURS = 24 * 30;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
const AUTO_APPROVE_KEY = "refund_claim_auto_approve_upto";
const noAudit: ClaimAudit = async () => {};

export const hashClaimToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const claimPath = (token: string) => `/refund/${token}`;

const fieldError = (field: string, message: string) =>
  new ApiError({
    code: "invalid_field",
    message: `${field}: ${message}`,
    field,
    problems: [{ field, message }],
  });

const claimUnavailable = (why: "expired" | "cancelled") =>
  new ApiError({
    code: "claim_unavailable",
    message:
      why === "expired"
        ? "This refund link has expired. Ask the merchant for a new one."
        : "This refund link was withdrawn by the merchant.",
    extra: { reason: why },
  });

const claimUsed = () =>
  new ApiError({
    code: "claim_used",
    message: "This refund link was already used: an address was given for it, and it cannot be changed.",
  });

/* ---------------------------------------------------------------- reading */

export function claimStatus(c: ClaimRow, refund: RefundRow | null, now: number): ClaimViewStatus {
  if (c.status === "offered" && c.expiresAt.getTime() <= now) return "expired";
  if (c.status !== "approved") return c.status;
  if (!refund) return "sending";
  return effectiveStatus(refund, now);
}

export function claimView(c: ClaimRow, refund: RefundRow | null, now: number) {
  const info = payCurrency(c.payCurrency);
  return {
    id: c.id,
    object: "refund_claim" as const,
    checkoutId: c.checkoutId,
    status: claimStatus(c, refund, now),
    amount: cryptoString(c.amount),
    payCurrency: c.payCurrency,
    asset: info?.asset ?? c.payCurrency,
    network: info?.networkName ?? null,
    address: c.address,
    paymentId: c.paymentId,
    refundId: c.refundId,
    error: refund?.status === "failed" || refund?.status === "unknown" ? refund.error : null,
    offeredBy: c.offeredBy,
    approvedBy: c.approvedBy,
    expiresAt: c.expiresAt.toISOString(),
    claimedAt: c.claimedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ClaimView = ReturnType<typeof claimView>;

async function refundOf(deps: CheckoutDeps, c: ClaimRow): Promise<RefundRow | null> {
  if (!c.refundId) return null;
  const [r] = await deps.db.select().from(checkoutRefunds).where(eq(checkoutRefunds.id, c.refundId)).limit(1);
  return r ?? null;
}

export async function listClaims(deps: CheckoutDeps, checkoutId: string): Promise<ClaimView[]> {
  const rows = await deps.db
    .select()
    .from(refundClaims)
    .where(eq(refundClaims.checkoutId, checkoutId))
    .orderBy(asc(refundClaims.createdAt));
  const ids = rows.map((r) => r.refundId).filter((x): x is string => !!x);
  const refunds = ids.length
    ? await deps.db.select().from(checkoutRefunds).where(inArray(checkoutRefunds.id, ids))
    : [];
  const now = deps.now();
  return rows.map((c) => claimView(c, refunds.find((r) => r.id === c.refundId) ?? null, now));
}

async function findClaim(deps: CheckoutDeps, checkoutId: string, claimId: string): Promise<ClaimRow> {
  const [c] = await deps.db
    .select()
    .from(refundClaims)
    .where(and(eq(refundClaims.id, claimId), eq(refundClaims.checkoutId, checkoutId)))
    .limit(1);
  if (!c) throw notFound("This refund claim");
  return c;
}

/** The claim behind a link, for the customer's page; an unknown or malformed token is a 404. */
export async function findClaimByToken(deps: CheckoutDeps, token: string): Promise<ClaimRow> {
  if (!TOKEN_RE.test(token)) throw notFound("This refund link");
  const [c] = await deps.db
    .select()
    .from(refundClaims)
    .where(eq(refundClaims.tokenHash, hashClaimToken(token)))
    .limit(1);
  if (!c) throw notFound("This refund link");
  return c;
}

/** What the customer's page shows: no ids, no merchant, nothing they did not already know. */
export async function publicClaim(deps: CheckoutDeps, token: string) {
  const c = await findClaimByToken(deps, token);
  const v = claimView(c, await refundOf(deps, c), deps.now());
  const info = payCurrency(c.payCurrency);
  return {
    status: v.status,
    amount: v.amount,
    asset: v.asset,
    payCurrency: v.payCurrency,
    network: v.network,
    tagged: info?.format === "ton",
    address: v.address,
    paymentId: v.paymentId,
    expiresAt: v.expiresAt,
  };
}
export type PublicClaim = Awaited<ReturnType<typeof publicClaim>>;

/**
 * What no new offer may use, in the coin paid: refunds sent or in flight (counted as spent, as for
 * any refund) and claims still open (offered or claimed, not expired).
 */
export async function committedAmount(db: CheckoutDeps["db"], checkoutId: string, now: number): Promise<Money> {
  const refunds = await db
    .select()
    .from(checkoutRefunds)
    .where(
      and(eq(checkoutRefunds.checkoutId, checkoutId), inArray(checkoutRefunds.status, ["sending", "sent", "unknown"])),
    );
  const open = await db
    .select()
    .from(refundClaims)
    .where(
      and(
        eq(refundClaims.checkoutId, checkoutId),
        inArray(refundClaims.status, ["offered", "claimed"]),
        gt(refundClaims.expiresAt, new Date(now)),
      ),
    );
  return [...refunds, ...open].reduce((s, r) => s.add(r.amount), new Money(0));
}

/* ---------------------------------------------------------------- the auto-approve limit */

/** Claims worth at most this (in the checkout's own currency) are sent when claimed; null: off (the default). */
export async function autoApproveLimit(deps: Pick<CheckoutDeps, "db">): Promise<string | null> {
  const [row] = await deps.db.select().from(appState).where(eq(appState.key, AUTO_APPROVE_KEY)).limit(1);
  const v = (row?.value as { upto?: unknown } | undefined)?.upto;
  return typeof v === "string" && /^\d+(\.\d+)?$/.test(v) && money(v).gt(0) ? v : null;
}

export async function setAutoApproveLimit(deps: Pick<CheckoutDeps, "db">, upto: string | null): Promise<void> {
  if (upto !== null && !(/^\d{1,12}(\.\d{1,8})?$/.test(upto) && money(upto).gte(0)))
    throw fieldError("upto", 'must be a decimal string such as "25.00", or empty to turn it off');
  const value = { upto: upto && money(upto).gt(0) ? upto : null };
  await deps.db
    .insert(appState)
    .values({ key: AUTO_APPROVE_KEY, value })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: new Date() } });
}

/* ---------------------------------------------------------------- the steps */

export interface OfferInput {
  /** "full" (all not yet refunded) or a decimal string in the currency the customer paid. */
  amount: unknown;
  /** Hours the link can be claimed in (1 … 720); 168 (a week) when absent. */
  expiresInHours?: unknown;
}

/** Offers a refund as a claim link. The token is in `url` only: it is not kept and cannot be shown again. */
export async function offerRefundClaim(
  deps: CheckoutDeps,
  checkoutId: string,
  input: OfferInput,
  options: {
    offeredBy: string;
    audit?: ClaimAudit;
    /** false: only the merchant's approval sends it, never the auto-approve limit (default true). */
    autoApprove?: boolean;
    /** Written in the same transaction as the claim (a caller's own record of the offer). */
    alongside?: (tx: CheckoutDeps["db"], claim: ClaimRow) => Promise<void>;
  },
): Promise<{ claim: ClaimView; url: string; token: string }> {
  const asked = typeof input.amount === "string" ? input.amount.trim() : input.amount;
  if (typeof asked !== "string" || !(asked === "full" || (/^\d+(\.\d+)?$/.test(asked) && /[1-9]/.test(asked))))
    throw fieldError("amount", 'must be "full" or a decimal string above zero such as "0.0001"');
  const ttl = input.expiresInHours ?? DEFAULT_CLAIM_TTL_HOURS;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_CLAIM_TTL_HOURS)
    throw fieldError("expiresInHours", `must be a whole number of hours from 1 to ${MAX_CLAIM_TTL_HOURS}`);
  const token = randomBytes(32).toString("base64url");
  const claim = await deps.db.transaction(async (tx) => {
    const row = await findCheckout(tx as unknown as CheckoutDeps["db"], checkoutId);
    if (!row) throw notFound("This checkout");
    const { info } = refundableAsset(row);
    const committed = await committedAmount(tx as unknown as CheckoutDeps["db"], checkoutId, deps.now());
    const { amount } = refundAmount(
      { paid: row.amountPaid!, due: row.amountDue, committed: toAmountString(committed), decimals: info.decimals },
      asked,
    );
    const now = new Date(deps.now());
    const [created] = await tx
      .insert(refundClaims)
      .values({
        id: newId("rc"),
        checkoutId,
        tokenHash: hashClaimToken(token),
        status: "offered",
        amount,
        payCurrency: row.payCurrency!,
        offeredBy: options.offeredBy,
        autoApprove: options.autoApprove ?? true,
        expiresAt: new Date(now.getTime() + ttl * 3_600_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (options.alongside) await options.alongside(tx as unknown as CheckoutDeps["db"], created!);
    return created!;
  });
  await (options.audit ?? noAudit)("refund.claim_offered", {
    claimId: claim.id,
    amount: cryptoString(claim.amount),
    payCurrency: claim.payCurrency,
    expiresAt: claim.expiresAt.toISOString(),
  });
  return { claim: claimView(claim, null, deps.now()), url: `${deps.appUrl}${claimPath(token)}`, token };
}

export interface ClaimInput {
  address: unknown;
  paymentId?: unknown;
}

/** The customer's address, on the network they paid with; checked before anything is written. */
function claimAddress(deps: CheckoutDeps, c: ClaimRow, input: ClaimInput) {
  const info = payCurrency(c.payCurrency);
  if (!info || info.format === "lightning")
    throw new ApiError({ code: "not_refundable", message: "This payment cannot be refunded here." });
  const address = typeof input.address === "string" ? input.address.trim() : "";
  if (!address) throw fieldError("address", "is required");
  if (address.length > 128) throw fieldError("address", "is too long");
  if (!isValidAddress(info.format, address, deps.mode === "live" ? { testnet: false } : {}))
    throw fieldError("address", `not a valid ${info.networkName} address`);
  const paymentId = typeof input.paymentId === "string" ? input.paymentId.trim() : "";
  if (paymentId && info.format !== "ton")
    throw fieldError("paymentId", `${info.networkName} addresses take no tag or memo`);
  if (paymentId.length > 64) throw fieldError("paymentId", "is too long");
  return { address, paymentId: paymentId || null };
}

/**
 * The customer gives their address: once. With the auto-approve limit set and the claim worth no
 * more than it, the refund is sent now (the same approval path as the merchant's).
 */
export async function claimRefund(
  deps: CheckoutDeps,
  token: string,
  input: ClaimInput,
  options: { audit?: ClaimAudit } = {},
): Promise<{ claim: ClaimView; refund: RefundResult | null; refundError: ApiError | null }> {
  const c = await findClaimByToken(deps, token);
  const now = deps.now();
  if (c.status === "cancelled") throw claimUnavailable("cancelled");
  if (c.status !== "offered") throw claimUsed();
  if (c.expiresAt.getTime() <= now) throw claimUnavailable("expired");
  const { address, paymentId } = claimAddress(deps, c, input);
  // Still refundable? (another refund may have used up the payment since the offer.)
  const checkout = await findCheckout(deps.db, c.checkoutId);
  if (!checkout) throw notFound("This checkout");
  refundableAsset(checkout);
  const spent = (
    await deps.db
      .select()
      .from(checkoutRefunds)
      .where(
        and(
          eq(checkoutRefunds.checkoutId, c.checkoutId),
          inArray(checkoutRefunds.status, ["sending", "sent", "unknown"]),
        ),
      )
  ).reduce((s, r) => s.add(r.amount), new Money(0));
  if (money(checkout.amountPaid!).sub(spent).lt(c.amount))
    throw new ApiError({
      code: "nothing_to_refund",
      message: "This payment has already been refunded, so this link can no longer be used. Contact the merchant.",
    });
  const at = new Date(now);
  const [claimed] = await deps.db
    .update(refundClaims)
    .set({ status: "claimed", address, paymentId, claimedAt: at, updatedAt: at })
    .where(and(eq(refundClaims.id, c.id), eq(refundClaims.status, "offered"), gt(refundClaims.expiresAt, at)))
    .returning();
  if (!claimed) {
    // Lost a race with another tab, or the merchant cancelled it, or it expired this instant.
    const [now2] = await deps.db.select().from(refundClaims).where(eq(refundClaims.id, c.id));
    if (now2?.status === "cancelled") throw claimUnavailable("cancelled");
    if (now2?.status === "offered") throw claimUnavailable("expired");
    throw claimUsed();
  }
  const audit = options.audit ?? noAudit;
  await audit("refund.claimed", {
    claimId: c.id,
    amount: cryptoString(c.amount),
    payCurrency: c.payCurrency,
    address,
    paymentId,
  });
  const limit = c.autoApprove ? await autoApproveLimit(deps) : null;
  if (limit && checkout.amount && money(checkout.amountPaid!).gt(0)) {
    // The claim's worth in the checkout's own currency: its share of what was paid.
    const worth = money(c.amount).div(checkout.amountPaid!).mul(checkout.amount);
    if (worth.lte(limit)) {
      try {
        const r = await approveClaim(deps, c.checkoutId, c.id, { approvedBy: "auto", audit, autoApproveUpto: limit });
        return { claim: r.claim, refund: r.refund, refundError: null };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        return { claim: await viewOf(deps, c.checkoutId, c.id), refund: null, refundError: e };
      }
    }
  }
  return { claim: claimView(claimed, null, deps.now()), refund: null, refundError: null };
}

async function viewOf(deps: CheckoutDeps, checkoutId: string, claimId: string) {
  const c = await findClaim(deps, checkoutId, claimId);
  return claimView(c, await refundOf(deps, c), deps.now());
}

/**
 * Approves a claimed refund and sends it, through requestRefund with the claim's id as the
 * idempotency key: approving twice, at once or after a crash, answers the same single refund.
 * An ApiError from the send (refused, unknown) is thrown after the claim records its refund.
 */
export async function approveClaim(
  deps: CheckoutDeps,
  checkoutId: string,
  claimId: string,
  options: { approvedBy: string; audit?: ClaimAudit; autoApproveUpto?: string },
): Promise<{ claim: ClaimView; refund: RefundResult }> {
  const c = await findClaim(deps, checkoutId, claimId);
  if (c.status === "offered")
    throw new ApiError({
      status: 409,
      code: "claim_unavailable",
      message: "The customer has not given an address for this refund yet.",
      extra: { reason: "not_claimed" },
    });
  if (c.status === "cancelled") throw claimUnavailable("cancelled");
  const audit = options.audit ?? noAudit;
  const body = { amount: cryptoString(c.amount)!, address: c.address!, ...(c.paymentId && { paymentId: c.paymentId }) };
  if (c.status === "claimed")
    await audit("refund.approved", {
      claimId: c.id,
      ...body,
      ...(options.autoApproveUpto && { auto: true, autoApproveUpto: options.autoApproveUpto }),
    });
  const record = async (refundId: string) => {
    const at = new Date(deps.now());
    await deps.db
      .update(refundClaims)
      .set({
        status: "approved",
        refundId,
        approvedBy: sql`coalesce(${refundClaims.approvedBy}, ${options.approvedBy})`,
        updatedAt: at,
      })
      .where(and(eq(refundClaims.id, c.id), inArray(refundClaims.status, ["claimed", "approved"])));
  };
  let result: RefundResult;
  try {
    result = await requestRefund(deps, checkoutId, body, {
      requestedBy: `claim:${c.id}`,
      idempotency: { scope: "claim", key: c.id, request: body },
    });
  } catch (e) {
    if (e instanceof ApiError && typeof e.extra?.refundId === "string") {
      await record(e.extra.refundId);
      await audit(e.code === "refund_refused" ? "refund.failed" : "refund.unknown", {
        claimId: c.id,
        refundId: e.extra.refundId,
        ...body,
        error: e.message,
      });
    } else if (e instanceof ApiError) {
      await audit("refund.refused", { claimId: c.id, ...body, code: e.code, message: e.message });
    }
    throw e;
  }
  await record(result.refund.id);
  if (!result.replayed)
    await audit(
      result.refund.status === "sent"
        ? "refund.sent"
        : result.refund.status === "failed"
          ? "refund.failed"
          : "refund.unknown",
      {
        claimId: c.id,
        refundId: result.refund.id,
        ...body,
        bitfinexRefundId: result.refund.upstreamRefundId,
      },
    );
  return { claim: await viewOf(deps, checkoutId, claimId), refund: result };
}

/** Withdraws an offer not yet sent (offered or claimed). */
export async function cancelClaim(
  deps: CheckoutDeps,
  checkoutId: string,
  claimId: string,
  options: { audit?: ClaimAudit } = {},
): Promise<ClaimView> {
  await findClaim(deps, checkoutId, claimId);
  const at = new Date(deps.now());
  const [row] = await deps.db
    .update(refundClaims)
    .set({ status: "cancelled", updatedAt: at })
    .where(and(eq(refundClaims.id, claimId), inArray(refundClaims.status, ["offered", "claimed"])))
    .returning();
  if (!row)
    throw new ApiError({
      code: "refund_settled",
      message: "This claim was already approved or withdrawn.",
    });
  await (options.audit ?? noAudit)("refund.claim_cancelled", { claimId });
  return claimView(row, null, deps.now());
}
