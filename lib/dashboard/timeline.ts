/**
 * A checkout's timeline as the dashboard shows it: our own state changes, the refunds we sent, and
 * Bitfinex's own record of the invoice (invoice events), in time order. Bitfinex's events are
 * read when the page is viewed; if Bitfinex does not answer, the timeline says so and shows ours.
 */
import type { ClaimView } from "../refunds/claims";
import type { InvoiceEvent } from "../bitfinex/pay/events";
import { cryptoString } from "../checkouts/amounts";
import type { RefundRow } from "../refunds/queries";

export interface TimelineEntry {
  at: Date;
  source: "checkout" | "refund" | "bitfinex";
  title: string;
  detail: string | null;
}

interface Transition {
  at: Date;
  fromState: string;
  toState: string;
  reason: string;
}

const words = (s: string) => s.replace(/_/g, " ");

export function buildTimeline(
  createdAt: Date,
  transitions: Transition[],
  refunds: RefundRow[],
  bitfinex: InvoiceEvent[],
  claims: ClaimView[] = [],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { at: createdAt, source: "checkout", title: "created", detail: null },
    ...transitions.map((t) => ({
      at: t.at,
      source: "checkout" as const,
      // A note (an answer from Bitfinex the app does not know) leaves the state where it was.
      title: t.fromState === t.toState ? "note" : `${words(t.fromState)} → ${words(t.toState)}`,
      detail: t.reason,
    })),
    ...refunds.map((r) => ({
      at: r.createdAt,
      source: "refund" as const,
      title: `refund of ${cryptoString(r.amount)} ${r.currency}: ${r.status === "sending" ? "sending" : r.status}`,
      detail: `to ${r.address}${r.upstreamRefundId ? ` (Bitfinex refund ${r.upstreamRefundId})` : ""}${r.error ? `; ${r.error}` : ""}`,
    })),
    ...claims.flatMap((c) => [
      {
        at: new Date(c.createdAt),
        source: "refund" as const,
        title: `refund claim of ${c.amount} ${c.asset} offered (now ${c.status})`,
        detail: `link valid until ${c.expiresAt}${c.error ? `; ${c.error}` : ""}`,
      },
      ...(c.claimedAt
        ? [
            {
              at: new Date(c.claimedAt),
              source: "refund" as const,
              title: `refund claim: the customer gave an address`,
              detail: `${c.address}${c.paymentId ? ` (memo ${c.paymentId})` : ""}`,
            },
          ]
        : []),
    ]),
    ...bitfinex.map((e) => ({
      at: new Date(e.at),
      source: "bitfinex" as const,
      title: `Bitfinex: ${words(e.type).toLowerCase()}`,
      detail: e.message,
    })),
  ];
  // Stable: equal times keep the order above (created, our changes, refunds, Bitfinex's).
  return entries
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || a[1] - b[1])
    .map(([e]) => e);
}
