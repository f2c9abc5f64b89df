/**
 * A sliding-window limiter per endpoint family. A caller waits for a free slot when one comes
 * soon enough; otherwise it gets a rate_limited error at once instead of hanging a customer.
 * After Bitfinex answers 429 the family is paused for the block Bitfinex applies (~60 s).
 * Calls in the visitor lane (budget-lane.ts) also fit in a window of their own, VISITOR_SHARE of
 * the family's, so the remaining third is always there for API checkouts and the reconciler.
 *
 * Why not rate-limiter-flexible, as lib/limits uses for our own visitors: that one counts in fixed
 * windows, and two windows back to back let twice Bitfinex's budget through within one minute,
 * which Bitfinex answers with 429 and a 60 s block of the whole IP. Pacing our own calls needs a
 * sliding window, a wait for the next slot, a share per lane and a pause after a 429 together.
 */
import { VISITOR_SHARE, type BudgetLane } from "./budget-lane";
import { BitfinexError } from "./errors";
import { FAMILY_LIMITS, type EndpointFamily } from "./rate-limits";

export class FamilyLimiter {
  private readonly sent = new Map<EndpointFamily, number[]>();
  private readonly sentByVisitors = new Map<EndpointFamily, number[]>();
  private readonly pausedUntil = new Map<EndpointFamily, number>();

  constructor(
    private readonly limits = FAMILY_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Milliseconds until `family` may send again (0 = now), for a call in `lane`. */
  waitTime(family: EndpointFamily, lane: BudgetLane | null = null): number {
    const now = this.now();
    const { requests, perMs } = this.limits[family];
    const window = this.prune(this.sent, family, now);
    const pause = Math.max(0, (this.pausedUntil.get(family) ?? 0) - now);
    const slot = window.length < requests ? 0 : window[0]! + perMs - now;
    if (lane !== "visitor") return Math.max(pause, slot);
    const visitors = this.prune(this.sentByVisitors, family, now);
    const share = Math.max(1, Math.floor(requests * VISITOR_SHARE));
    const visitorSlot = visitors.length < share ? 0 : visitors[visitors.length - share]! + perMs - now;
    return Math.max(pause, slot, visitorSlot);
  }

  /** Takes a slot, waiting up to `maxWaitMs`; throws rate_limited when the wait would be longer. */
  async acquire(
    family: EndpointFamily,
    endpoint: string,
    maxWaitMs: number,
    lane: BudgetLane | null = null,
  ): Promise<void> {
    for (;;) {
      const wait = this.waitTime(family, lane);
      if (wait === 0) {
        this.sent.get(family)!.push(this.now());
        if (lane === "visitor") this.sentByVisitors.get(family)!.push(this.now());
        return;
      }
      if (wait > maxWaitMs) throw new BitfinexError({ kind: "rate_limited", endpoint, retryAfterMs: wait });
      await this.sleep(wait);
      maxWaitMs -= wait;
    }
  }

  /** Bitfinex said 429: stop sending to this family for `ms`. */
  pause(family: EndpointFamily, ms: number): void {
    this.pausedUntil.set(family, Math.max(this.pausedUntil.get(family) ?? 0, this.now() + ms));
  }

  /** Requests sent in the current window, per family (for the health page). */
  usage(): Record<string, { used: number; limit: number }> {
    const now = this.now();
    const out: Record<string, { used: number; limit: number }> = {};
    for (const family of Object.keys(this.limits) as EndpointFamily[]) {
      out[family] = { used: this.prune(this.sent, family, now).length, limit: this.limits[family].requests };
    }
    return out;
  }

  private prune(sent: Map<EndpointFamily, number[]>, family: EndpointFamily, now: number): number[] {
    const window = sent.get(family) ?? [];
    const cutoff = now - this.limits[family].perMs;
    while (window.length > 0 && window[0]! <= cutoff) window.shift();
    sent.set(family, window);
    return window;
  }
}
