/**
 * The rails, looked up by the name an invoice row stores (Rail, ./rail.ts). A new rail is one
 * more implementation here; callers ask a rail what it can do rather than which one it is.
 */
import type { InvoiceRow } from "../../db/schema";
import { lightningRail } from "./lightning";
import { payRail } from "./pay";
import type { Rail, RailName } from "./rail";

export type { Rail, RailName } from "./rail";

const RAILS: Record<RailName, Rail> = { pay: payRail, lightning: lightningRail };

export function railNamed(name: RailName): Rail {
  return RAILS[name];
}

/** The order a new invoice is tried in: Bitfinex Pay (one invoice for every currency), then Lightning. */
export const RAILS_BY_PREFERENCE: readonly Rail[] = [payRail, lightningRail];

/**
 * The checkout's invoice Bitfinex knows (it has Bitfinex's id) on a rail that can do what the
 * caller needs (`can`), open ones only unless `anyStatus`; undefined when there is none.
 */
export function invoiceThatCan(
  invoices: readonly InvoiceRow[],
  can: (rail: Rail) => boolean,
  opts: { anyStatus?: boolean } = {},
): { invoice: InvoiceRow; rail: Rail } | undefined {
  for (const invoice of invoices) {
    if (!invoice.upstreamId || (!opts.anyStatus && invoice.status !== "open")) continue;
    const rail = railNamed(invoice.rail);
    if (can(rail)) return { invoice, rail };
  }
  return undefined;
}
