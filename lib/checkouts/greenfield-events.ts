/**
 * Which BTCPay Greenfield webhook events a checkout's state steps are (lib/greenfield serves the
 * Greenfield API; its webhooks are written here, in the outbox's transaction, like every event).
 * From BTCPay's swagger (swagger.template.webhooks.json, the Webhook* event schemas):
 *
 * | step (from → to)                       | events, in order                                              |
 * |----------------------------------------|---------------------------------------------------------------|
 * | → underpaid                            | InvoiceReceivedPayment                                        |
 * | → confirming                           | InvoiceReceivedPayment, InvoiceProcessing                     |
 * | confirming → paid                      | InvoicePaymentSettled, InvoiceSettled                         |
 * | awaiting_payment / underpaid → paid    | InvoiceReceivedPayment, InvoicePaymentSettled, InvoiceSettled |
 * | → expired                              | InvoiceExpired {partiallyPaid}, or InvoiceInvalid {manuallyMarked: true} when marked Invalid through the API |
 * | expired → paid_late                    | InvoiceReceivedPayment, InvoicePaymentSettled {afterExpiration: true} (the invoice stays Expired/PaidLate, as in BTCPay) |
 *
 * `overPaid` on InvoiceProcessing/InvoiceSettled when more than the amount due was paid.
 */
import { Money } from "../money/decimal";
import type { CheckoutRow } from "../db/schema";
import type { CheckoutState } from "./state-machine";

export const GREENFIELD_EVENT_TYPES = [
  "InvoiceCreated",
  "InvoiceReceivedPayment",
  "InvoicePaymentSettled",
  "InvoiceProcessing",
  "InvoiceExpired",
  "InvoiceSettled",
  "InvoiceInvalid",
] as const;
export type GreenfieldEventType = (typeof GREENFIELD_EVENT_TYPES)[number];

export interface GreenfieldEvent {
  type: GreenfieldEventType;
  /** The type's own fields (afterExpiration, overPaid, manuallyMarked, partiallyPaid, paymentMethodId, payment). */
  extras: Record<string, unknown>;
  /** The state step it reports. */
  step: CheckoutState;
}

function lastPayment(row: CheckoutRow) {
  const p = row.payments?.at(-1);
  if (!p) return null;
  return {
    id: p.txid ?? `${row.id}-${(row.payments?.length ?? 1) - 1}`,
    receivedDate: p.createdAt ? Math.floor(Date.parse(p.createdAt) / 1000) : Math.floor(row.updatedAt.getTime() / 1000),
    value: p.amount,
    fee: "0",
    status: "Settled",
    destination: null,
  };
}

export function greenfieldEventsFor(
  from: CheckoutState,
  steps: CheckoutState[],
  row: CheckoutRow,
  markedInvalid: boolean,
): GreenfieldEvent[] {
  const overPaid = row.amountPaid !== null && row.amountDue !== null && new Money(row.amountPaid).gt(row.amountDue);
  const paidSome = row.amountPaid !== null && new Money(row.amountPaid).gt(0);
  const method = row.payCurrency;
  const events: Array<Omit<GreenfieldEvent, "step">> = [];
  const out: GreenfieldEvent[] = [];
  const received = (afterExpiration: boolean): Omit<GreenfieldEvent, "step"> => ({
    type: "InvoiceReceivedPayment",
    extras: { afterExpiration, paymentMethodId: method, paymentMethod: method, payment: lastPayment(row) },
  });
  const paymentSettled = (afterExpiration: boolean): Omit<GreenfieldEvent, "step"> => ({
    type: "InvoicePaymentSettled",
    extras: { afterExpiration, paymentMethodId: method, paymentMethod: method, payment: lastPayment(row) },
  });
  let prev = from;
  for (const step of steps) {
    switch (step) {
      case "underpaid":
        events.push(received(false));
        break;
      case "confirming":
        events.push(received(false), { type: "InvoiceProcessing", extras: { overPaid } });
        break;
      case "paid":
        if (prev !== "confirming") events.push(received(false));
        events.push(paymentSettled(false), { type: "InvoiceSettled", extras: { manuallyMarked: false, overPaid } });
        break;
      case "expired":
        events.push(
          markedInvalid
            ? { type: "InvoiceInvalid", extras: { manuallyMarked: true } }
            : { type: "InvoiceExpired", extras: { partiallyPaid: paidSome, paymentMethodId: method } },
        );
        break;
      case "paid_late":
        events.push(received(true), paymentSettled(true));
        break;
      case "awaiting_payment":
        break;
    }
    out.push(...events.splice(0).map((e) => ({ ...e, step })));
    prev = step;
  }
  return out;
}
