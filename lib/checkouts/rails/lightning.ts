/**
 * The Lightning rail (Rail, ./rail.ts): an LNX deposit invoice for the checkout's amount in BTC
 * (./lightning-rail.ts), paid in full or not at all, read from the invoice's status and, where
 * that says nothing, from the account's deposit movements (./lightning-movements.ts). Bitfinex
 * sends no webhook for it, cannot look up an uncertain create, and has no refund call for it.
 */
import { observeLightningInvoices } from "./lightning-movements";
import { createLightningInvoiceFor } from "./lightning-rail";
import type { Rail } from "./rail";
import { lightningView } from "./views";

export const lightningRail: Rail = {
  ...lightningView,
  needsCustomerInfo: () => false,
  async create(deps, checkout) {
    const { invoice, quote } = await createLightningInvoiceFor(deps, checkout);
    return {
      upstreamId: invoice.invoiceHash,
      paymentHash: invoice.paymentHash,
      paymentRequest: invoice.paymentRequest,
      amountBtc: invoice.amountBtc,
      rate: quote.rate,
      rateSource: quote.source,
      rateAt: new Date(quote.at),
      upstreamStatus: "unpaid",
      expiresAt: new Date(invoice.expiresAt),
    };
  },
  reportsTos: false,
  async observe(deps, invoice, _chosen, opts) {
    const payment = await deps.bitfinex.lightning.getPayment(invoice.paymentHash!);
    // Two sources: the invoice's status, and LNX deposit movements where the status is not "paid".
    return (await observeLightningInvoices(deps, [{ invoice, payment }], opts))[0]?.observation ?? null;
  },
};
