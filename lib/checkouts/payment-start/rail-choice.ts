/**
 * Which rail a payment starts on, through the Rail interface (lib/checkouts/rails/): an open
 * invoice that takes the currency is used again (a rail for that currency alone first: an LNX
 * invoice before a Pay invoice's LNX entry); otherwise the first rail, in order of preference,
 * that works (lib/rail-health/) and takes it; past the customer's daily limit, only a rail that
 * does not count it (Lightning deposit invoices). When a rail turns out to be down mid-request,
 * another that takes the currency may take over.
 */
import type { BitfinexError } from "../../bitfinex/errors";
import { railUsable } from "../../rail-health/health";
import type { CheckoutDeps } from "../deps";
import type { CheckoutRow, InvoiceRow } from "../repository";
import { RAILS_BY_PREFERENCE, type Rail } from "../rails";
import { openInvoiceOn, railTakes } from "../rails/views";
import { unavailable } from "./guards";

/** Rails whose invoice takes only some currencies first (an LNX invoice before a Pay invoice's LNX entry). */
const RAILS_SPECIFIC_FIRST = [...RAILS_BY_PREFERENCE].sort(
  (a, b) => Number(a.currencies === "all") - Number(b.currencies === "all"),
);

/**
 * The rail to pay `payCurrency` on, and whether it already has an open invoice to use again.
 * `pastDailyLimit`: the customer is past their Bitfinex daily limit (guards.ts checked that a rail
 * outside it takes the currency).
 */
export async function chooseRail(
  deps: Pick<CheckoutDeps, "rails">,
  invoices: readonly InvoiceRow[],
  payCurrency: string,
  pastDailyLimit = false,
): Promise<{ rail: Rail; reused: boolean }> {
  const reused = RAILS_SPECIFIC_FIRST.find((r) => railTakes(r, payCurrency) && openInvoiceOn(invoices, r.name));
  if (reused) return { rail: reused, reused: true };
  if (pastDailyLimit) {
    // Its health was checked with the limit (guards.ts): it is the only rail that may be asked.
    const rail = RAILS_BY_PREFERENCE.find((r) => !r.dailyLimited && railTakes(r, payCurrency));
    if (!rail) throw unavailable(payCurrency, []);
    return { rail, reused: false };
  }
  const health = await deps.rails.current();
  // A rail whose last probe met a passing fault is still tried (railUsable): the call itself
  // then fails with a 503 the payment page retries, rather than a "not available" it does not.
  const usable = RAILS_BY_PREFERENCE.filter((r) => railUsable(health[r.name]));
  const rail = usable.find((r) => railTakes(r, payCurrency));
  if (rail) return { rail, reused: false };
  // What the rails that work do take (a rail taking every currency would have taken this one).
  throw unavailable(
    payCurrency,
    usable.flatMap((r) => (r.currencies === "all" ? [] : r.currencies)),
  );
}

/**
 * `failed` went away under us (its create said the rail is down): the health monitor is told, and
 * another rail takes over if it takes what was chosen (Pay gone, Lightning takes LNX); otherwise
 * the customer is told which currencies can still be paid.
 */
export async function railAfterDown(
  deps: Pick<CheckoutDeps, "rails">,
  checkout: CheckoutRow,
  failed: Rail,
  error: BitfinexError,
  payCurrency: string,
): Promise<Rail> {
  await deps.rails.report(failed.name, error);
  const others = RAILS_BY_PREFERENCE.filter((r) => r !== failed);
  const fallback = others.find((r) => railTakes(r, payCurrency));
  if (fallback) return fallback;
  throw unavailable(
    payCurrency,
    checkout.payCurrencies.filter((s) => others.some((r) => railTakes(r, s))),
  );
}
