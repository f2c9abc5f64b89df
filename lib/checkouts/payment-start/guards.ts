/**
 * What must hold before a payment starts, checked in this order: the currency is one the checkout
 * offers, no customer details for a POS checkout, the checkout still waits for money and has not
 * run out of time, and the currency can take the amount (the merchant's Bitfinex limits) and has a
 * deposit address at Bitfinex (the go-live check). Each refusal is the error the payment page
 * acts on.
 */
import { PAY_CURRENCIES } from "../../currencies/pay-currencies";
import { ApiError } from "../../errors/api-error";
import { excludedCurrencies } from "../../pay-limits/enforce";
import type { CheckoutDeps } from "../deps";
import type { CheckoutRow } from "../repository";
import { isPayable } from "../state-machine";
import type { StartPaymentInput } from "./input";

/** The request itself is wrong for this checkout (422). */
export function checkRequest(checkout: CheckoutRow, input: StartPaymentInput): void {
  if (!checkout.payCurrencies.includes(input.payCurrency)) {
    throw new ApiError({
      status: 422,
      code: "invalid_field",
      message: `payCurrency: must be one of ${checkout.payCurrencies.join(", ")}`,
      field: "payCurrency",
    });
  }
  // Refused, not ignored (as the merchant API does): details sent for a POS checkout are a mistake
  // or a probe, and starting the payment anyway would make an invoice nobody asked for.
  if (checkout.type === "POS" && input.customerInfo !== undefined) {
    throw new ApiError({
      status: 422,
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

/**
 * The currencies not offered now (notOffered), refusing `payCurrency` if it is one of them: a
 * currency whose Bitfinex range does not take this amount gets the page's "choose another" before
 * any invoice is made (one already chosen stays).
 */
export async function checkOffered(
  deps: Pick<CheckoutDeps, "payLimits" | "missingAddresses">,
  checkout: CheckoutRow,
  payCurrency: string,
): Promise<ReadonlySet<string>> {
  const limited = await excludedCurrencies(deps.payLimits, checkout.amount, checkout.currency, checkout.payCurrencies);
  const missing = deps.missingAddresses?.() ?? new Set<string>();
  const excluded = new Set([...limited, ...checkout.payCurrencies.filter((s) => missing.has(s))]);
  const left = checkout.payCurrencies.filter((s) => !excluded.has(s));
  if (missing.has(payCurrency) && checkout.payCurrency !== payCurrency) throw unavailable(payCurrency, left);
  if (excluded.has(payCurrency) && checkout.payCurrency !== payCurrency) {
    throw new ApiError({
      status: 422,
      code: "amount_out_of_range",
      message: `payCurrency: ${payCurrency} cannot take this amount (the merchant's Bitfinex limits).`,
      field: "payCurrency",
      problems: [],
      extra: { available: left },
    });
  }
  return excluded;
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

export function expiredError() {
  return new ApiError({
    status: 409,
    code: "checkout_expired",
    message: "This checkout has expired; no new payment can be started.",
  });
}

/** Paying in `payCurrency` is not possible now; `available` are the currencies that are. */
export function unavailable(payCurrency: string, available: string[]) {
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
