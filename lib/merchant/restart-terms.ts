/**
 * What "Start again" (lib/checkouts/restart.ts) may make from an expired checkout: exactly what
 * opening its link again would make now. A payment link is reloaded: turned off or deleted, 410
 * link_disabled (as /l/{id} answers); otherwise its current amount, currencies, duration, redirect
 * and webhook. A signed link's terms are fixed by its signature, but its exp is checked: past it,
 * 410 link_expired (as /s answers).
 */
import { fiatString } from "../checkouts/amounts";
import type { CheckoutDeps } from "../checkouts/deps";
import type { CheckoutInput } from "../checkouts/validation";
import type { CheckoutRow } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { findPaymentLink, linkAmountProblem, linkDisabled } from "./payment-links";

const openTheLinkAgain = (why: string) =>
  new ApiError({
    code: "restart_not_allowed",
    message: `This checkout cannot be started again (${why}). Please open the payment link again.`,
  });

export async function restartTerms(deps: CheckoutDeps, row: CheckoutRow): Promise<CheckoutInput> {
  if (row.source === "signed_link") {
    // Made before the exp was kept: it cannot be checked, so the customer opens the link, which checks it.
    if (row.sourceExp === null) throw openTheLinkAgain("its link's expiry is not known");
    if (row.sourceExp > 0 && Math.floor(deps.now() / 1000) >= row.sourceExp)
      throw new ApiError({
        code: "link_expired",
        message: "This payment link has expired. Please ask the merchant for a new link.",
      });
    return {
      amount: row.amount,
      currency: row.currency,
      orderId: row.orderId,
      description: row.description ?? undefined,
      payCurrencies: row.payCurrencies,
      type: row.type,
      duration: row.durationSeconds,
    };
  }
  if (row.source !== "link" || !row.sourceRef) throw openTheLinkAgain("it did not come from a link");
  const link = await findPaymentLink(deps, row.sourceRef);
  if (!link || !link.active) throw linkDisabled();
  let amount: string;
  if (link.amount) amount = fiatString(link.amount, link.currency);
  else {
    // The customer chose the amount; it stands only while the link would still accept it.
    if (link.currency !== row.currency) throw openTheLinkAgain("the link's currency changed");
    const chosen = fiatString(row.amount, row.currency);
    if (linkAmountProblem(link, chosen)) throw openTheLinkAgain("the link no longer accepts this amount");
    amount = chosen;
  }
  return {
    amount,
    currency: link.currency,
    orderId: row.orderId,
    description: link.description ?? link.name,
    payCurrencies: link.payCurrencies,
    type: link.type,
    duration: link.durationSeconds,
    redirectUrl: link.redirectUrl ?? undefined,
    webhookUrl: link.webhookUrl ?? undefined,
  };
}
