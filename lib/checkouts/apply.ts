/**
 * Applies what Bitfinex says about a checkout's invoice: the state moves the rules allow, the
 * amounts and confirmations the payment page shows, and when to ask again. Whoever learnt it
 * (webhook hint, reconciler, customer action) goes through here, so they all agree.
 */
import type { CheckoutDeps } from "./deps";
import { nextCheckAt, planSteps, type Observation } from "./observation";
import { changeCheckout, recordUpstreamStatus, type CheckoutRow, type InvoiceRow } from "./repository";
import { isSettled } from "./state-machine";

/**
 * `known`: the checkout row the caller read moments ago (the reconciler's due list), which saves a
 * read; if it is stale the compare-and-set fails and the row is read afresh.
 */
export async function applyObservation(
  deps: CheckoutDeps,
  invoice: InvoiceRow,
  obs: Observation,
  source: string,
  known?: CheckoutRow,
): Promise<CheckoutRow | null> {
  const now = deps.now();
  if (invoice.upstreamStatus !== obs.upstreamStatus) {
    await recordUpstreamStatus(deps.db, invoice.id, obs.upstreamStatus, new Date(now));
  }
  return changeCheckout(
    deps.db,
    invoice.checkoutId,
    deps.now,
    (current) => {
      const expiresAt = current.expiresAt.getTime();
      const steps = planSteps(current.state, obs, now, expiresAt);
      const finalState = steps.at(-1) ?? current.state;
      const next = nextCheckAt(finalState, now, expiresAt);
      const hasPayment = obs.amountPaid !== null && obs.amountPaid !== "0";
      return {
        steps,
        reason: `${source}: Bitfinex says ${obs.upstreamStatus}`,
        patch: {
          // Amounts follow the entry that was paid; before any payment they follow the customer's choice.
          ...(hasPayment || !current.payCurrency ? { payCurrency: obs.payCurrency, amountDue: obs.amountDue } : {}),
          ...(obs.amountPaid !== null && { amountPaid: obs.amountPaid }),
          ...(obs.confirmations !== null && { confirmations: obs.confirmations }),
          ...(obs.requiredConfirmations !== null && { requiredConfirmations: obs.requiredConfirmations }),
          ...(obs.payments.length > 0 && { payments: obs.payments }),
          ...(isSettled(finalState) && !current.paidAt && { paidAt: new Date(now) }),
          nextCheckAt: next === null ? null : new Date(next),
          lastCheckedAt: new Date(now),
        },
      };
    },
    deps,
    known,
  );
}
