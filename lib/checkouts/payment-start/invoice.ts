/**
 * Getting the checkout's invoice on a rail: the one place an upstream invoice is created.
 * Idempotent by construction: double clicks, two tabs, reloads, retries and many instances all
 * end on the same invoice:
 *  1. requests in this process for the same checkout and rail share one promise (`inflight`);
 *  2. across processes, a row is claimed before Bitfinex is called (the claim/lease protocol,
 *     lib/checkouts/store/invoice-claims.ts);
 *  3. a create whose outcome is uncertain is looked up again (where the rail can) before anything
 *     new is made, and a claim whose creator vanished is recovered the same way.
 */
import { onVisitorBudget } from "../../bitfinex/budget-lane";
import { isBitfinexError } from "../../bitfinex/errors";
import type { CustomerInfo } from "../../bitfinex/types";
import type { CheckoutDeps } from "../deps";
import type { CheckoutRow, InvoiceRow } from "../repository";
import { railNamed, type Rail } from "../rails";
import { attachInvoice, claimOrWait, releaseClaim } from "../store/invoice-claims";

/**
 * The requests of this process making an invoice now, by `checkout id:rail name`: a second
 * request for the same one waits on the first's promise rather than claiming again (the claim
 * would make it wait anyway, polling the database). Module state on purpose: it must be shared by
 * every request this process serves. An entry lives exactly as long as its promise is pending,
 * so the map holds at most one entry per payment being started; a failure is not remembered
 * (the next request tries afresh).
 */
const inflight = new Map<string, Promise<InvoiceRow>>();

/**
 * The checkout's open invoice on `rail`, made now or by someone else. `seen`: whether the
 * invoice list read moments ago had a row on this rail (absent: the claim is tried at once).
 */
export function ensureInvoice(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  rail: Rail,
  customerInfo: CustomerInfo | null,
  seen: "present" | "absent",
): Promise<InvoiceRow> {
  const key = `${checkout.id}:${rail.name}`;
  const running = inflight.get(key);
  if (running) return running;
  const work = claimOrWait(
    {
      db: deps.db,
      now: deps.now,
      create: (claim) => {
        const create = () => createUpstream(deps, checkout, claim, customerInfo);
        // Checkouts visitors made draw on their own slice of the Bitfinex budget (budget-lane.ts).
        return visitorMade(checkout) ? onVisitorBudget(create) : create();
      },
      recover: (claim) => recoverAbandonedClaim(deps, checkout, claim),
      pause: deps.pause,
    },
    checkout.id,
    rail.name,
    seen,
  ).finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
}

/** Made by whoever opened a link, not by the merchant's key or session. */
function visitorMade(checkout: CheckoutRow): boolean {
  return checkout.source === "link" || checkout.source === "signed_link";
}

/** Our claim won: the rail makes the invoice, and the claim is filled, or released when nothing was made. */
async function createUpstream(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  claim: InvoiceRow,
  customerInfo: CustomerInfo | null,
): Promise<InvoiceRow> {
  const rail = railNamed(claim.rail);
  try {
    return await attachInvoice(deps.db, claim, await rail.create(deps, checkout, customerInfo), new Date(deps.now()));
  } catch (e) {
    const certainlyNothing = !isBitfinexError(e) || e.certainlyNotProcessed;
    if (certainlyNothing) {
      await releaseClaim(deps.db, claim);
      throw e;
    }
    // Bitfinex may or may not have made it. Where the rail can (Pay, by our checkout id), look.
    deps.log(`checkout ${claim.checkoutId}: ${claim.rail} invoice creation uncertain (${e.kind})`);
    if (rail.findUncertain) {
      const lookup = await rail.findUncertain(deps, claim.checkoutId).then(
        (found) => ({ ok: true as const, found }),
        () => ({ ok: false as const, found: null }),
      );
      if (lookup.found) return attachInvoice(deps.db, claim, lookup.found, new Date(deps.now()));
      // An error answer, and Bitfinex has no such invoice: it was not made. After a timeout it
      // may still be on its way, so the claim stays until its lease ends and the look is repeated.
      if (lookup.ok && e.kind !== "timeout" && e.kind !== "network") await releaseClaim(deps.db, claim);
    }
    throw e;
  }
}

/**
 * A claim whose creator vanished. An invoice it may have made is found where the rail can look
 * (Pay: by our checkout id) and adopted; otherwise the claim is released and the next attempt
 * creates afresh. (A Lightning invoice lost this way was never shown to anyone, so it cannot be paid.)
 */
async function recoverAbandonedClaim(deps: CheckoutDeps, checkout: CheckoutRow, claim: InvoiceRow) {
  const rail = railNamed(claim.rail);
  if (rail.findUncertain) {
    const found = await rail.findUncertain(deps, checkout.id);
    if (found) {
      await attachInvoice(deps.db, claim, found, new Date(deps.now())).catch(() => {});
      return;
    }
  }
  deps.log(`checkout ${checkout.id}: releasing abandoned ${claim.rail} claim from ${claim.claimedAt.toISOString()}`);
  await releaseClaim(deps.db, claim);
}
