/**
 * The Bitfinex Pay rail (Rail, ./rail.ts): one Pay invoice per checkout carrying every pay
 * currency it offers. An uncertain create is found again by our checkout id (the invoice's
 * orderId); Bitfinex manages its invoices (expire, complete, events, refunds) and sends its
 * webhook for them.
 */
import { BitfinexError } from "../../bitfinex/errors";
import type { PayInvoice } from "../../bitfinex/types";
import { entryProblem } from "./entry-check";
import { entrySymbol } from "./pay-payments";
import { createPayInvoiceFor, findPayInvoiceFor, observePayInvoice } from "./pay-rail";
import type { Rail } from "./rail";
import { payView } from "./views";

/** What a Pay invoice puts on its row. */
const fill = (inv: PayInvoice) => ({
  upstreamId: inv.id,
  addresses: inv.addresses,
  upstreamStatus: inv.status,
  expiresAt: inv.expiresAt === null ? null : new Date(inv.expiresAt),
});

export const payRail: Rail = {
  ...payView,
  needsCustomerInfo: (checkout) => checkout.type === "ECOMMERCE",
  create: async (deps, checkout, customerInfo) => fill(await createPayInvoiceFor(deps, checkout, customerInfo)),
  async findUncertain(deps, checkoutId) {
    const found = await findPayInvoiceFor(deps, checkoutId);
    return found ? fill(found) : null;
  },
  isRailDown: (e): e is BitfinexError => e instanceof BitfinexError && e.kind === "pay_unavailable",
  refusal: (e) =>
    e instanceof BitfinexError && e.kind === "invalid_request" ? (e.upstreamMessage ?? "no reason given") : null,
  async checkEntry(deps, checkout, payCurrency, invoice) {
    // What Bitfinex handed us is checked before the customer sees it (./entry-check.ts).
    const entry = invoice.addresses?.find((a) => entrySymbol(a) === payCurrency);
    return entry ? entryProblem(deps, checkout, payCurrency, entry) : null;
  },
  reportsTos: true,
  async observe(deps, invoice, chosen) {
    const upstream = await deps.bitfinex.pay.getInvoice(invoice.upstreamId!);
    if (!upstream) return null;
    return observePayInvoice(upstream, await chosen(), await deps.methods.get());
  },
  async expire(deps, invoice) {
    await deps.bitfinex.pay.expireInvoice(invoice.upstreamId!);
  },
  async complete(deps, invoice, input) {
    await deps.bitfinex.pay.completeInvoice({
      id: invoice.upstreamId!,
      payCcy: input.payCurrency,
      ...(input.depositId && { depositId: input.depositId }),
      ...(input.ledgerId && { ledgerId: input.ledgerId }),
    });
  },
  events: (deps, invoice) => deps.bitfinex.pay.listInvoiceEvents(invoice.upstreamId!),
  refund: (deps, invoice, input) => deps.bitfinex.pay.refundInvoice({ id: invoice.upstreamId!, ...input }),
  async markRefunded(deps, invoice, refundId) {
    await deps.bitfinex.pay.markRefunded({ id: invoice.upstreamId!, refundId });
  },
};
