/**
 * Our checkout states as Greenfield's invoice `status` and `additionalStatus`.
 *
 * What BTCPay's swagger (swagger.template.invoices.json, InvoiceStatus / InvoiceAdditionalStatus)
 * says each means, and which of our states it is:
 *
 * | our state        | status     | additionalStatus | BTCPay's meaning                                                      |
 * |------------------|------------|------------------|-----------------------------------------------------------------------|
 * | awaiting_payment | New        | None             | New: the invoice is waiting for payment                               |
 * | underpaid        | New        | PaidPartial      | New + PaidPartial: a payment arrived but it does not cover the amount |
 * | confirming       | Processing | None             | Processing: paid in full, waiting for confirmations                   |
 * | paid             | Settled    | None / PaidOver  | Settled: paid and confirmed; PaidOver: more than the amount was paid  |
 * | expired          | Expired    | None / PaidPartial | Expired: not paid in full in time; PaidPartial when part was paid   |
 * | paid_late        | Expired    | PaidLate         | Expired + PaidLate: paid in full after the invoice expired            |
 * | expired, marked Invalid through the API | Invalid | Marked | Invalid + Marked: the merchant marked the invoice invalid |
 *
 * `Processing` follows BTCPay's "speed policy" only loosely: our checkouts count confirmations as
 * Bitfinex requires for the currency, whatever `checkout.speedPolicy` asks (it is echoed, not applied).
 */
import { Money } from "../money/decimal";
import { CHECKOUT_STATES, type CheckoutState } from "../checkouts/state-machine";

export type InvoiceStatus = "New" | "Processing" | "Settled" | "Expired" | "Invalid";
export type AdditionalStatus = "None" | "PaidLate" | "PaidPartial" | "Marked" | "Invalid" | "PaidOver";

export interface StatusSource {
  state: CheckoutState;
  amountDue: string | null;
  amountPaid: string | null;
  markedInvalid: boolean;
}

const paidSome = (s: StatusSource) => s.amountPaid !== null && new Money(s.amountPaid).gt(0);
const paidOver = (s: StatusSource) =>
  s.amountPaid !== null && s.amountDue !== null && new Money(s.amountPaid).gt(s.amountDue);

export function greenfieldStatus(s: StatusSource): { status: InvoiceStatus; additionalStatus: AdditionalStatus } {
  switch (s.state) {
    case "awaiting_payment":
      return { status: "New", additionalStatus: "None" };
    case "underpaid":
      return { status: "New", additionalStatus: "PaidPartial" };
    case "confirming":
      return { status: "Processing", additionalStatus: paidOver(s) ? "PaidOver" : "None" };
    case "paid":
      return { status: "Settled", additionalStatus: paidOver(s) ? "PaidOver" : "None" };
    case "expired":
      if (s.markedInvalid) return { status: "Invalid", additionalStatus: "Marked" };
      return { status: "Expired", additionalStatus: paidSome(s) ? "PaidPartial" : "None" };
    case "paid_late":
      return { status: "Expired", additionalStatus: "PaidLate" };
  }
}

/** The status word the modal posts (`{invoiceId, status}`): the page knows the state, not a mark. */
export function greenfieldStatusWord(state: string): InvoiceStatus {
  if (!(CHECKOUT_STATES as readonly string[]).includes(state)) return "New";
  return greenfieldStatus({ state: state as CheckoutState, amountDue: null, amountPaid: null, markedInvalid: false })
    .status;
}
