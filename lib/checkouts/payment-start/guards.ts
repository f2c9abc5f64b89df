/**
 * What must hold before a payment starts, checked in this order: the currency is one the checkout
 * offers, no customer details for a POS checkout, the checkout still waits for money and has not
 * run out of time, the customer is not past their Bitfinex daily limit (where the rail counts it),
 * and the currency can take the amount (the merchant's Bitfinex limits) and has a deposit address
 * at Bitfinex (the go-live check). Each refusal is the error the payment page acts on.
 */
import { PAY_CURRENCIES } from "../../currencies/pay-currencies";
import { ApiError } from "../../errors/api-error";
import type { OverDaily } from "../../pay-limits/check";
import { limitVerdict, overDailyText } from "../../pay-limits/enforce";
import { railUsable } from "../../rail-health/health";
import type { CheckoutDeps } from "../deps";
import { RAILS_BY_PREFERENCE, type Rail } from "../rails";
import { openInvoiceOn, railTakes } from "../rails/views";
import { findInvoices, type CheckoutRow, type InvoiceRow } from "../repository";
import { isPayable } from "../state-machine";
import { addTimelineNote } from "../upstream-words";
import type { StartPaymentInput } from "./input";

/** The request itself is wrong for this checkout (422). */
export function checkRequest(checkout: CheckoutRow, input: StartPaymentInput): void {
  if (!checkout.payCurrencies.includes(input.payCurrency)) {
    throw new ApiError({
      code: "invalid_field",
      message: `payCurrency: must be one of ${checkout.payCurrencies.join(", ")}`,
      field: "payCurrency",
    });
  }
  // Refused, not ignored (as the merchant API does): details sent for a POS checkout are a mistake
  // or a probe, and starting the payment anyway would make an invoice nobody asked for.
  if (checkout.type === "POS" && input.customerInfo !== undefined) {
    throw new ApiError({
      code: "invalid_field",
      message: "customerInfo: is only for ECOMMERCE checkouts; this one carries no customer details",
      field: "customerInfo",
    });
  }
}

/**
 * "start": the checkout waits for money; "nothing": paid, or a payment is confirming (nothing to
 * start; the page shows the status). Expired (in state or by the clock): refused.
 */
export function checkState(checkout: CheckoutRow, now: number): "start" | "nothing" {
  if (!isPayable(checkout.state)) {
    if (checkout.state === "expired") throw expiredError();
    return "nothing";
  }
  if (now >= checkout.expiresAt.getTime()) throw expiredError();
  return "start";
}

/** The currencies left out of this payment, and whether the customer is past their daily limit. */
export interface Offered {
  excluded: ReadonlySet<string>;
  /** No new invoice on a rail that counts the daily limit (Bitfinex Pay) is asked for. */
  pastDailyLimit: boolean;
}

/**
 * The currencies not offered now (as notOffered), refusing `payCurrency` if it is one of them: a
 * currency whose Bitfinex range does not take this amount gets the page's "choose another" before
 * any invoice is made (one already chosen stays). The daily limit is the customer's own (by
 * email): past it, no new invoice on a rail that counts it (Bitfinex Pay) is asked for, and a rail
 * that does not (Lightning deposit invoices) stays offered where it works.
 */
export async function checkOffered(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  invoices: readonly InvoiceRow[],
  input: StartPaymentInput,
): Promise<Offered> {
  const { payCurrency } = input;
  // An open invoice on a limited rail has already counted itself against the limit.
  const limitedOpen = openOnLimitedRail(invoices);
  const email = checkout.type === "ECOMMERCE" ? (checkout.customerInfo ?? input.customerInfo)?.email : null;
  const verdict = await limitVerdict(
    deps.payLimits,
    { amount: checkout.amount, currency: checkout.currency, email: limitedOpen ? null : email },
    checkout.payCurrencies,
  );
  if (verdict.overDaily && !limitedOpen && !(await unlimitedRailTakes(deps, invoices, payCurrency)))
    throw await overDailyLimit(deps, checkout, verdict.overDaily);
  const missing = deps.missingAddresses?.() ?? new Set<string>();
  const excluded = new Set([...verdict.outside, ...checkout.payCurrencies.filter((s) => missing.has(s))]);
  const left = checkout.payCurrencies.filter((s) => !excluded.has(s));
  if (missing.has(payCurrency) && checkout.payCurrency !== payCurrency) throw unavailable(payCurrency, left);
  if (excluded.has(payCurrency) && checkout.payCurrency !== payCurrency) {
    throw new ApiError({
      code: "amount_out_of_range",
      message: `payCurrency: ${payCurrency} cannot take this amount (the merchant's Bitfinex limits).`,
      field: "payCurrency",
      problems: [],
      extra: { available: left },
    });
  }
  return { excluded, pastDailyLimit: verdict.overDaily !== null };
}

/** The checkout's open invoice on a rail that counts the customer's daily limit (Bitfinex Pay), if any. */
function openOnLimitedRail(invoices: readonly InvoiceRow[]): InvoiceRow | undefined {
  return RAILS_BY_PREFERENCE.filter((r) => r.dailyLimited)
    .map((r) => openInvoiceOn(invoices, r.name))
    .find(Boolean);
}

/** Past the daily limit, `payCurrency` can still be paid: on an open invoice of a rail that does not count it, or one that works. */
async function unlimitedRailTakes(
  deps: Pick<CheckoutDeps, "rails">,
  invoices: readonly InvoiceRow[],
  payCurrency: string,
): Promise<boolean> {
  const rails = RAILS_BY_PREFERENCE.filter((r) => !r.dailyLimited && railTakes(r, payCurrency));
  if (rails.length === 0) return false;
  if (rails.some((r) => openInvoiceOn(invoices, r.name))) return true;
  return (await railsPastDailyLimit(deps)).some((r) => railTakes(r, payCurrency));
}

/** The rails that work now and do not count the customer's daily limit (Lightning deposit invoices, not Bitfinex Pay). */
export async function railsPastDailyLimit(deps: Pick<CheckoutDeps, "rails">): Promise<Rail[]> {
  const unlimited = RAILS_BY_PREFERENCE.filter((r) => !r.dailyLimited);
  if (unlimited.length === 0) return [];
  const health = await deps.rails.current();
  return unlimited.filter((r) => railUsable(health[r.name]));
}

/**
 * The customer is past their Bitfinex daily limit: said on the checkout's timeline for the merchant
 * (once), and answered to the payment page with the ways left (Lightning, where it works).
 */
async function overDailyLimit(deps: CheckoutDeps, checkout: CheckoutRow, o: OverDaily): Promise<ApiError> {
  const rails = await railsPastDailyLimit(deps);
  const available = checkout.payCurrencies.filter((s) => rails.some((r) => railTakes(r, s)));
  await addTimelineNote(
    deps,
    checkout.id,
    `No Bitfinex Pay invoice: ${overDailyText(checkout.amount, checkout.currency, o)}.` +
      (available.length > 0 ? ` ${available.map(currencyName).join(", ")} stays offered.` : ""),
  ).catch(() => false);
  return new ApiError({
    code: "over_daily_limit",
    message: `payCurrency: this payment is more than what is left of the customer's Bitfinex daily limit today.`,
    field: "payCurrency",
    problems: [],
    extra: { available },
  });
}

/**
 * The pay currencies of a checkout not offered now: outside the merchant's Bitfinex limits, or
 * without a deposit address at Bitfinex (the go-live check), or, when the customer is past their
 * Bitfinex daily limit, every one no working rail outside that limit takes (then
 * `dailyLimitReached`). The payment page shows them as not available, and starting a payment in
 * one is refused.
 */
export async function notOffered(
  deps: Pick<CheckoutDeps, "payLimits" | "missingAddresses" | "db" | "rails">,
  row: Pick<CheckoutRow, "id" | "type" | "amount" | "currency" | "payCurrencies" | "customerInfo">,
): Promise<NotOffered> {
  // The customer's daily limit matters only before their Pay invoice exists (it counts itself).
  const email = row.type === "ECOMMERCE" ? (row.customerInfo?.email ?? null) : null;
  const hasLimited = email ? openOnLimitedRail(await findInvoices(deps.db, row.id)) !== undefined : false;
  const verdict = await limitVerdict(
    deps.payLimits,
    { amount: row.amount, currency: row.currency, email: hasLimited ? null : email },
    row.payCurrencies,
  );
  const missing = deps.missingAddresses?.() ?? new Set<string>();
  const out = new Set([...verdict.outside, ...row.payCurrencies.filter((s) => missing.has(s))]);
  if (!verdict.overDaily) return out;
  // Past the daily limit: only rails that do not count it (Lightning deposit invoices), where they work.
  const rails = await railsPastDailyLimit(deps);
  for (const s of row.payCurrencies) if (!rails.some((r) => railTakes(r, s))) out.add(s);
  return Object.assign(out, { dailyLimitReached: true });
}

/** The currencies not offered, and whether that is because the customer reached their daily limit. */
export type NotOffered = ReadonlySet<string> & { readonly dailyLimitReached?: boolean };

/** How a message to the customer names a pay currency. */
function currencyName(s: string): string {
  return s === "LNX" ? "Bitcoin over Lightning" : s;
}

export function expiredError() {
  return new ApiError({
    code: "checkout_expired",
    message: "This checkout has expired; no new payment can be started.",
  });
}

/** Paying in `payCurrency` is not possible now; `available` are the currencies that are. */
export function unavailable(payCurrency: string, available: string[]) {
  const name = PAY_CURRENCIES.get(payCurrency);
  const label = name ? `${name.assetName} on ${name.networkName}` : payCurrency;
  const hint =
    available.length > 0 ? ` You can pay with ${available.map(currencyName).join(", ")}.` : " Please try again later.";
  return new ApiError({
    code: "currency_unavailable",
    message: `Paying with ${label} is not available right now.${hint}`,
    field: "payCurrency",
    extra: { available },
  });
}
