/**
 * The claim/lease protocol that makes "one invoice per checkout and rail" hold across requests
 * and instances. A row is claimed (`status: "creating"`, a random claim token, `claimedAt`)
 * before Bitfinex is called; the unique index on (checkout, rail) lets one claim win. The winner
 * fills the row in (`open`) with what Bitfinex made, or releases it (deletes it) when it is sure
 * nothing was made. Every fill and release names the claim token, so a claim that was presumed
 * abandoned (older than CLAIM_LEASE_MS) and taken over can no longer be written by its old owner.
 * Everyone else waits for the row to open, up to CLAIM_WAIT_MS.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connect";
import type { InvoiceRow, Rail } from "../../db/schema";
import { checkoutInvoicesTable as checkoutInvoices } from "../../db/checkout-tables";
import { ApiError } from "../../errors/api-error";
import { findInvoiceOnRail } from "./invoices";

/** A claim older than this is presumed abandoned (its creator crashed or timed out long ago). */
export const CLAIM_LEASE_MS = 30_000;
/** How long a request waits for another instance's claim before asking the customer to retry. */
const CLAIM_WAIT_MS = 15_000;

/** What Bitfinex made, as stored on the invoice row when the claim is filled. */
export type InvoiceFill = Partial<
  Pick<
    InvoiceRow,
    | "upstreamId"
    | "paymentHash"
    | "paymentRequest"
    | "amountBtc"
    | "rate"
    | "rateSource"
    | "rateAt"
    | "addresses"
    | "upstreamStatus"
    | "expiresAt"
  >
>;

export interface ClaimProtocol {
  db: Db;
  now: () => number;
  /** Called by the request whose claim won: makes the upstream invoice and fills the claim. */
  create: (claim: InvoiceRow) => Promise<InvoiceRow>;
  /** Called on a claim whose lease ran out: adopts what it made, or releases it. */
  recover: (claim: InvoiceRow) => Promise<void>;
  /** How a request waiting for another's claim pauses between looks (default: a timer; CheckoutDeps.pause). */
  pause?: (ms: number) => Promise<void>;
}

/**
 * The checkout's open invoice on this rail, made by this request (its claim won) or by another
 * (waited for). `seen: "absent"`: no row for this rail a moment ago, so go straight to the claim;
 * if another request claimed it since, the insert does nothing and the loop reads the row.
 */
export async function claimOrWait(
  p: ClaimProtocol,
  checkoutId: string,
  rail: Rail,
  seen: "present" | "absent",
): Promise<InvoiceRow> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  let skipRead = seen === "absent";
  for (;;) {
    const row = skipRead ? null : await findInvoiceOnRail(p.db, checkoutId, rail);
    skipRead = false;
    if (row?.status === "open") return row;
    if (!row) {
      const claim = await claimInvoice(p.db, checkoutId, rail, new Date(p.now()));
      if (claim) return p.create(claim);
      continue; // someone else claimed it a moment ago
    }
    if (p.now() - row.claimedAt.getTime() > CLAIM_LEASE_MS) {
      await p.recover(row);
      continue;
    }
    if (Date.now() > deadline) {
      throw new ApiError({
        code: "payment_starting",
        message: "Your payment is still being prepared. Please try again in a few seconds.",
        extra: { retryAfterSeconds: 3 },
      });
    }
    await (p.pause ?? delay)(100);
  }
}

/** Claims the (checkout, rail) row; null when another request holds it already. */
export async function claimInvoice(db: Db, checkoutId: string, rail: Rail, at: Date): Promise<InvoiceRow | null> {
  const [claim] = await db
    .insert(checkoutInvoices)
    .values({ checkoutId, rail, status: "creating", claimToken: randomUUID(), claimedAt: at })
    .onConflictDoNothing()
    .returning();
  return claim ?? null;
}

/** Fills a claim with the invoice Bitfinex made: the row is open. Throws when the claim was lost. */
export async function attachInvoice(db: Db, claim: InvoiceRow, fill: InvoiceFill, at: Date): Promise<InvoiceRow> {
  const [row] = await db
    .update(checkoutInvoices)
    .set({ ...fill, status: "open", updatedAt: at })
    .where(and(eq(checkoutInvoices.id, claim.id), eq(checkoutInvoices.claimToken, claim.claimToken)))
    .returning();
  if (!row) throw new Error(`lost the claim on ${claim.checkoutId}:${claim.rail}`);
  return row;
}

/** Gives a claim up (nothing was made upstream): the next attempt claims afresh. */
export async function releaseClaim(db: Db, claim: InvoiceRow): Promise<void> {
  await db
    .delete(checkoutInvoices)
    .where(and(eq(checkoutInvoices.id, claim.id), eq(checkoutInvoices.claimToken, claim.claimToken)));
}
