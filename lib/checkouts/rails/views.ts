/**
 * What each rail's invoice looks like to the views, the outbox and the dashboard (RailView,
 * ./rail.ts), looked up by the rail's name. Pure: no database, no Bitfinex; the engine's half of
 * each rail is in ./pay.ts and ./lightning.ts.
 */
import type { PayAddress } from "../../bitfinex/types";
import type { InvoiceRow } from "../../db/schema";
import { cryptoString } from "../amounts";
import { entrySymbol } from "./pay-payments";
import type { RailName, RailView } from "./rail";

export const payView: RailView = {
  name: "pay",
  label: "Bitfinex Pay",
  currencies: "all",
  hearsWebhooks: true,
  dailyLimited: true,
  entries: (invoice) => invoice.addresses ?? [],
  addresses: (invoice) => invoice.addresses ?? [],
  amountDue: (invoice, payCurrency) => invoice.addresses?.find((a) => entrySymbol(a) === payCurrency)?.amount ?? null,
  instructions(invoice, payCurrency, info) {
    const entry = invoice.addresses?.find((a) => entrySymbol(a) === payCurrency);
    if (!entry) return null;
    return {
      rail: "pay",
      payCurrency,
      assetName: info.assetName,
      networkName: info.networkName,
      amount: cryptoString(entry.amount)!,
      asset: info.asset === "UST" ? "USDt" : info.asset === "EUT" ? "EURt" : info.asset,
      address: entry.lightning ? null : entry.address,
      paymentRequest: entry.lightning?.paymentRequest ?? null,
      expiresAt: invoice.expiresAt?.toISOString() ?? null,
    };
  },
  merchantFields: () => ({}),
  dashboardDetail: () => "",
  describe: (invoice) => `Pay invoice ${invoice.upstreamId}`,
};

export const lightningView: RailView = {
  name: "lightning",
  label: "Lightning (LNX)",
  currencies: ["LNX"],
  hearsWebhooks: false,
  dailyLimited: false,
  // As Bitfinex writes an LNX entry of a Pay invoice.
  entries: (i): PayAddress[] =>
    i.amountBtc && i.paymentHash && i.paymentRequest
      ? [
          {
            currency: "LNX",
            payCurrency: "BTC",
            poolCurrency: "LNX",
            amount: i.amountBtc,
            address: i.paymentHash,
            lightning: { paymentRequest: i.paymentRequest, hash: i.paymentHash, nodePub: null },
          },
        ]
      : [],
  addresses: () => [],
  amountDue: (invoice) => invoice.amountBtc,
  instructions(invoice, payCurrency, info) {
    if (payCurrency !== "LNX" || !invoice.paymentRequest || !invoice.amountBtc) return null;
    return {
      rail: "lightning",
      payCurrency,
      assetName: info.assetName,
      networkName: info.networkName,
      amount: cryptoString(invoice.amountBtc)!,
      asset: "BTC",
      address: null,
      paymentRequest: invoice.paymentRequest,
      expiresAt: invoice.expiresAt?.toISOString() ?? null,
    };
  },
  merchantFields: (i) => ({
    paymentHash: i.paymentHash,
    amountBtc: cryptoString(i.amountBtc),
    rate: cryptoString(i.rate),
    rateSource: i.rateSource,
    rateAt: i.rateAt?.toISOString() ?? null,
  }),
  dashboardDetail: (i) =>
    `${cryptoString(i.amountBtc)} BTC at ${cryptoString(i.rate)} (${i.rateSource}); hash ${i.paymentHash?.slice(0, 16)}…`,
  describe: (invoice) => `Lightning invoice ${invoice.paymentHash}`,
};

const VIEWS: Record<RailName, RailView> = { pay: payView, lightning: lightningView };

/** The view half of the rail an invoice row names. */
export function railView(name: RailName): RailView {
  return VIEWS[name];
}

/** Rails whose invoice takes only some currencies come before those that take all (an LNX invoice before a Pay invoice's LNX entry). */
export const RAIL_VIEWS_SPECIFIC_FIRST: readonly RailView[] = [lightningView, payView];

/** The checkout's invoice on this rail (any status), if any. */
export function invoiceOn(invoices: readonly InvoiceRow[], rail: RailName): InvoiceRow | undefined {
  return invoices.find((i) => i.rail === rail);
}

/** The checkout's open invoice on this rail, if any. */
export function openInvoiceOn(invoices: readonly InvoiceRow[], rail: RailName): InvoiceRow | undefined {
  return invoices.find((i) => i.rail === rail && i.status === "open");
}

/** Whether a rail can take `payCurrency` at all. */
export function railTakes(rail: RailView, payCurrency: string): boolean {
  return rail.currencies === "all" || rail.currencies.includes(payCurrency);
}

/** The checkout's open invoices' entries in Bitfinex Pay's shape, in invoice order. */
export function invoiceEntries(invoices: readonly InvoiceRow[]): PayAddress[] {
  return invoices.flatMap((i) => (i.status === "open" ? railView(i.rail).entries(i) : []));
}
