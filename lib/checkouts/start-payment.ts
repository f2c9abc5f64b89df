/**
 * Starting a payment: the one place an upstream invoice is created. Idempotent by construction —
 * double clicks, two tabs, reloads, retries and many instances all end on the same invoice:
 *  1. requests in one process for the same checkout share one promise;
 *  2. across processes, a row is claimed (unique on checkout + rail) before Bitfinex is called;
 *  3. a create that timed out is looked up again before anything new is made.
 */
import { z } from "zod";
import { onVisitorBudget } from "../bitfinex/budget-lane";
import { isBitfinexError } from "../bitfinex/errors";
import type { CustomerInfo } from "../bitfinex/types";
import { PAY_CURRENCIES } from "../currencies/pay-currencies";
import { excludedCurrencies } from "../pay-limits/enforce";
import { ApiError, fromZodError, notFound } from "../errors/api-error";
import type { CheckoutDeps } from "./deps";
import { nextCheckAt } from "./observation";
import { noteRejectedEntry } from "./upstream-words";
import { RAILS_BY_PREFERENCE, railNamed, type Rail } from "./rails";
import { invoiceOn, openInvoiceOn, railTakes, railView } from "./rails/views";
import { railUsable } from "../rail-health/health";
import { changeCheckout, findCheckout, findInvoices, type CheckoutRow, type InvoiceRow } from "./repository";
import { isPayable } from "./state-machine";
import { attachInvoice, claimOrWait as claimProtocol, releaseClaim } from "./store/invoice-claims";
import { reportTosAcceptance } from "./tos";
import { customerInfoSchema } from "./validation";

export { CLAIM_LEASE_MS } from "./store/invoice-claims";

/** POST /api/checkouts/{id}/payment's body (also described in the OpenAPI document). */
export const startPaymentInputSchema = z
  .object({
    payCurrency: z
      .string({ error: "is required: the currency the customer wants to pay with" })
      .max(20, "is not a known pay currency"),
    customerInfo: customerInfoSchema.optional(),
    /** Sent by the details form, which cannot be submitted without ticking Bitfinex's terms. */
    tosAccepted: z.literal(true, { error: "must be true when given" }).optional(),
  })
  .strict();

/** Rails whose invoice takes only some currencies first (an LNX invoice before a Pay invoice's LNX entry). */
const RAILS_SPECIFIC_FIRST = [...RAILS_BY_PREFERENCE].sort(
  (a, b) => Number(a.currencies === "all") - Number(b.currencies === "all"),
);

export interface StartedPayment {
  checkout: CheckoutRow;
  invoice: InvoiceRow | null;
  /** The checkout's invoices as they stand after the start (null when nothing was started). */
  invoices: InvoiceRow[] | null;
}

const inflight = new Map<string, Promise<InvoiceRow>>();

export async function startPayment(deps: CheckoutDeps, checkoutId: string, body: unknown): Promise<StartedPayment> {
  const parsed = startPaymentInputSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { payCurrency } = parsed.data;
  // Both reads at once: on PostgreSQL they overlap (one round trip's wait instead of two).
  const [found, invoices] = await Promise.all([findCheckout(deps.db, checkoutId), findInvoices(deps.db, checkoutId)]);
  let checkout = found;
  if (!checkout) throw notFound("This checkout");
  if (!checkout.payCurrencies.includes(payCurrency)) {
    throw new ApiError({
      status: 422,
      code: "invalid_field",
      message: `payCurrency: must be one of ${checkout.payCurrencies.join(", ")}`,
      field: "payCurrency",
    });
  }
  // Refused, not ignored (as the merchant API does): details sent for a POS checkout are a mistake
  // or a probe, and starting the payment anyway would make an invoice nobody asked for.
  if (checkout.type === "POS" && parsed.data.customerInfo !== undefined) {
    throw new ApiError({
      status: 422,
      code: "invalid_field",
      message: "customerInfo: is only for ECOMMERCE checkouts; this one carries no customer details",
      field: "customerInfo",
    });
  }
  // Paid, or a payment is confirming: nothing to start; the page shows the status.
  if (!isPayable(checkout.state)) {
    if (checkout.state === "expired") throw expiredError();
    return { checkout, invoice: null, invoices: null };
  }
  if (deps.now() >= checkout.expiresAt.getTime()) throw expiredError();
  // A currency whose Bitfinex range does not take this amount is not offered; asking for it anyway
  // gets the page's "choose another" before any invoice is made (one already chosen stays).
  const limited = await excludedCurrencies(deps.payLimits, checkout.amount, checkout.currency, checkout.payCurrencies);
  const missing = deps.missingAddresses?.() ?? new Set<string>();
  const excluded = new Set([...limited, ...checkout.payCurrencies.filter((s) => missing.has(s))]);
  if (missing.has(payCurrency) && checkout.payCurrency !== payCurrency)
    throw unavailable(
      payCurrency,
      checkout.payCurrencies.filter((s) => !excluded.has(s)),
    );
  if (excluded.has(payCurrency) && checkout.payCurrency !== payCurrency) {
    const left = checkout.payCurrencies.filter((s) => !excluded.has(s));
    throw new ApiError({
      status: 422,
      code: "amount_out_of_range",
      message: `payCurrency: ${payCurrency} cannot take this amount (the merchant's Bitfinex limits).`,
      field: "payCurrency",
      problems: [],
      extra: { available: left },
    });
  }

  // An open invoice that takes the currency is used again (a rail for it alone first: an LNX
  // invoice before a Pay invoice's LNX entry); otherwise the first rail that works and takes it.
  const reused = RAILS_SPECIFIC_FIRST.find((r) => railTakes(r, payCurrency) && openInvoiceOn(invoices, r.name));
  let rail = reused ?? (await chooseRail(deps, payCurrency));
  // The invoice offers only the currencies that can take the amount: Bitfinex refuses the whole
  // invoice if one of them cannot.
  const offered = checkout.payCurrencies.filter((s) => !excluded.has(s));

  let customerInfo: CustomerInfo | null = null;
  if (rail.needsCustomerInfo(checkout) && !reused) {
    customerInfo = checkout.customerInfo ?? parsed.data.customerInfo ?? null;
    if (!customerInfo) {
      throw new ApiError({
        status: 422,
        code: "customer_info_required",
        message: "customerInfo: Bitfinex needs the customer's details for this payment.",
        field: "customerInfo",
      });
    }
    if (!checkout.customerInfo) {
      const tosAcceptedAt = parsed.data.tosAccepted ? new Date(deps.now()) : undefined;
      checkout = (await changeCheckout(
        deps.db,
        checkout.id,
        deps.now,
        () => ({ reason: "customer details", patch: { customerInfo, ...(tosAcceptedAt && { tosAcceptedAt }) } }),
        deps,
      ))!;
    }
  }

  let invoice: InvoiceRow;
  try {
    invoice = await ensureInvoice(
      deps,
      { ...checkout, payCurrencies: offered },
      rail,
      customerInfo,
      known(invoices, rail),
    );
  } catch (e) {
    if (!rail.isRailDown?.(e)) throw e;
    await deps.rails.report(rail.name, e);
    // The rail went away under us: another can still take this payment if it takes what was
    // chosen (Pay gone, Lightning takes LNX).
    const failed = rail;
    const others = RAILS_BY_PREFERENCE.filter((r) => r !== failed);
    const fallback = others.find((r) => railTakes(r, payCurrency));
    if (!fallback)
      throw unavailable(
        payCurrency,
        checkout.payCurrencies.filter((s) => others.some((r) => railTakes(r, s))),
      );
    rail = fallback;
    invoice = await ensureInvoice(deps, checkout, rail, null, known(invoices, rail));
  }
  const check = railNamed(invoice.rail).checkEntry;
  if (check) {
    const problem = await check(deps, checkout, payCurrency, invoice);
    if (problem) {
      await noteRejectedEntry(deps, { symbol: payCurrency, reason: problem, checkoutId: checkout.id });
      throw unavailable(
        payCurrency,
        offered.filter((s) => s !== payCurrency),
      );
    }
  }
  const chosen = await recordChoice(deps, checkout, invoice, payCurrency);
  // Bitfinex is told of the terms' acceptance after the invoice exists, in the background: its
  // answer never holds up the customer, and a failure is retried by the TosReporter.
  if (rail.reportsTos && chosen.tosAcceptedAt && !chosen.tosReportedAt)
    void reportTosAcceptance(deps, chosen.id).catch((e) => deps.log(`tos: ${String(e)}`));
  // The list read above with this invoice in it, in the same order as findInvoices: the payment
  // route answers with it rather than reading it again.
  const after = [...invoices.filter((i) => i.id !== invoice.id), invoice].sort((a, b) => a.id - b.id);
  return { checkout: chosen, invoice, invoices: after };
}

/** Whether the invoice list read at the start already had a row for this rail (any status). */
function known(invoices: InvoiceRow[], rail: Rail): "present" | "absent" {
  return invoiceOn(invoices, rail.name) ? "present" : "absent";
}

/**
 * The pay currencies of a checkout not offered now: outside the merchant's Bitfinex limits, or
 * without a deposit address at Bitfinex (the go-live check). The payment page shows them as not
 * available, and starting a payment in one is refused.
 */
export async function notOffered(
  deps: Pick<CheckoutDeps, "payLimits" | "missingAddresses">,
  row: { amount: string; currency: string; payCurrencies: string[] },
): Promise<ReadonlySet<string>> {
  const excluded = await excludedCurrencies(deps.payLimits, row.amount, row.currency, row.payCurrencies);
  const missing = deps.missingAddresses?.() ?? new Set<string>();
  if (missing.size === 0) return excluded;
  return new Set([...excluded, ...row.payCurrencies.filter((s) => missing.has(s))]);
}

function expiredError() {
  return new ApiError({
    status: 409,
    code: "checkout_expired",
    message: "This checkout has expired; no new payment can be started.",
  });
}

function unavailable(payCurrency: string, available: string[]) {
  const name = PAY_CURRENCIES.get(payCurrency);
  const label = name ? `${name.assetName} on ${name.networkName}` : payCurrency;
  const hint =
    available.length > 0
      ? ` You can pay with ${available.map((s) => (s === "LNX" ? "Bitcoin over Lightning" : s)).join(", ")}.`
      : " Please try again later.";
  return new ApiError({
    status: 409,
    code: "currency_unavailable",
    message: `Paying with ${label} is not available right now.${hint}`,
    field: "payCurrency",
    extra: { available },
  });
}

async function chooseRail(deps: CheckoutDeps, payCurrency: string): Promise<Rail> {
  const health = await deps.rails.current();
  // A rail whose last probe met a passing fault is still tried (railUsable): the call itself
  // then fails with a 503 the payment page retries, rather than a "not available" it does not.
  const usable = RAILS_BY_PREFERENCE.filter((r) => railUsable(health[r.name]));
  const rail = usable.find((r) => railTakes(r, payCurrency));
  if (rail) return rail;
  // What the rails that work do take (a rail taking every currency would have taken this one).
  throw unavailable(
    payCurrency,
    usable.flatMap((r) => (r.currencies === "all" ? [] : r.currencies)),
  );
}

/** Remembers what the customer picked, and what it costs in that currency, for the status endpoint. */
async function recordChoice(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  invoice: InvoiceRow,
  payCurrency: string,
): Promise<CheckoutRow> {
  const due = railView(invoice.rail).amountDue(invoice, payCurrency);
  // The row read when the request began saves a read: a change since then fails the
  // compare-and-set and is read afresh, and a stale "nothing to record" only delays the answer's
  // freshness to the page's next poll.
  const row = await changeCheckout(
    deps.db,
    checkout.id,
    deps.now,
    (current) => {
      const untouched =
        current.state === "awaiting_payment" && (current.amountPaid === null || current.amountPaid === "0");
      const sameChoice = current.payCurrency === payCurrency && current.amountDue !== null;
      const needsSchedule = current.nextCheckAt === null;
      if ((!untouched || sameChoice) && !needsSchedule) return null;
      const next = nextCheckAt(current.state, deps.now(), current.expiresAt.getTime());
      return {
        reason: "payment started",
        patch: {
          ...(untouched && {
            payCurrency,
            amountDue: due,
            requiredConfirmations: PAY_CURRENCIES.get(payCurrency)?.confirmations ?? null,
          }),
          ...(needsSchedule && { nextCheckAt: next === null ? null : new Date(next) }),
        },
      };
    },
    deps,
    checkout,
  );
  return row!;
}

function ensureInvoice(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  rail: Rail,
  customerInfo: CustomerInfo | null,
  seen: "present" | "absent",
): Promise<InvoiceRow> {
  const key = `${checkout.id}:${rail.name}`;
  const running = inflight.get(key);
  if (running) return running;
  const work = claimOrWait(deps, checkout, rail, customerInfo, seen).finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
}

function claimOrWait(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  rail: Rail,
  customerInfo: CheckoutRow["customerInfo"],
  seen: "present" | "absent",
): Promise<InvoiceRow> {
  return claimProtocol(
    {
      db: deps.db,
      now: deps.now,
      create: (claim) => {
        const create = () => createUpstream(deps, checkout, claim, customerInfo);
        // Checkouts visitors made draw on their own slice of the Bitfinex budget (budget-lane.ts).
        return visitorMade(checkout) ? onVisitorBudget(create) : create();
      },
      recover: (claim) => recoverAbandonedClaim(deps, checkout, claim),
    },
    checkout.id,
    rail.name,
    seen,
  );
}

/** Made by whoever opened a link, not by the merchant's key or session. */
function visitorMade(checkout: CheckoutRow): boolean {
  return checkout.source === "link" || checkout.source === "signed_link";
}

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
 * A claim whose creator vanished. A Pay invoice it may have made is found by our checkout id and
 * adopted; otherwise the claim is released and the next attempt creates afresh. (A Lightning
 * invoice lost this way was never shown to anyone, so it cannot be paid.)
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
