/**
 * What happens on the checkout once its invoice exists: the customer's details (before the
 * invoice, where the rail needs them) and the customer's choice with what it costs in that
 * currency, for the status endpoint.
 */
import type { CustomerInfo } from "../../bitfinex/types";
import { PAY_CURRENCIES } from "../../currencies/pay-currencies";
import { ApiError } from "../../errors/api-error";
import type { CheckoutDeps } from "../deps";
import { nextCheckAt } from "../observation";
import { railView } from "../rails/views";
import { changeCheckout, type CheckoutRow, type InvoiceRow } from "../repository";
import type { StartPaymentInput } from "./input";

/**
 * The customer's details for a rail that needs them (Bitfinex Pay, ECOMMERCE): the checkout's
 * own, else the request's, remembered on the checkout (with the terms' acceptance) before any
 * invoice is made. Refused when there are none.
 */
export async function rememberCustomer(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  input: StartPaymentInput,
): Promise<{ checkout: CheckoutRow; customerInfo: CustomerInfo }> {
  const customerInfo = checkout.customerInfo ?? input.customerInfo ?? null;
  if (!customerInfo) {
    throw new ApiError({
      code: "customer_info_required",
      message: "customerInfo: Bitfinex needs the customer's details for this payment.",
      field: "customerInfo",
    });
  }
  if (checkout.customerInfo) return { checkout, customerInfo };
  const tosAcceptedAt = input.tosAccepted ? new Date(deps.now()) : undefined;
  const changed = await changeCheckout(
    deps.db,
    checkout.id,
    deps.now,
    () => ({ reason: "customer details", patch: { customerInfo, ...(tosAcceptedAt && { tosAcceptedAt }) } }),
    deps,
  );
  return { checkout: changed!, customerInfo };
}

/** Remembers what the customer picked, and what it costs in that currency, for the status endpoint. */
export async function recordChoice(
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
