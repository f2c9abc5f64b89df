/**
 * A sliding-window limiter per endpoint family. A caller waits for a free slot when one comes
 * soon enough; otherwise it gets a rate_limited error at once instead of hanging a customer.
 * After Bitfinex answers 429 every call, authenticated and public, of every family is paused for
 * the block Bitfinex applies: it blocks the whole IP for 60 s (requirements-and-limitations page,
 * ../shared/bitfinex-api.md §2), not one endpoint. With a `SharedPause` (PostgreSQL, when several
 * instances share the key and the IP) the pause is seen by every instance.
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

/** Bitfinex's IP block after a 429: 60 s, whatever a Retry-After says (a longer one is kept). */
export const RATE_LIMIT_BLOCK_MS = 60_000;

/** Where instances sharing an IP keep the time until which nobody may call Bitfinex (epoch ms). */
export interface SharedPause {
  /** Records a pause until `until` (keeps a later one already there). */
  pauseUntil(until: number): Promise<void>;
  /** The shared pause's end (0 when none). */
  until(): Promise<number>;
}

export class FamilyLimiter {
  private readonly sent = new Map<EndpointFamily, number[]>();
  private readonly sentByVisitors = new Map<EndpointFamily, number[]>();
  /** Until when every call is held back (a 429 blocks the IP, not an endpoint). */
  private pausedUntil = 0;

  constructor(
    private readonly limits = FAMILY_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly shared: SharedPause | null = null,
  ) {}

  /** Milliseconds until `family` may send again (0 = now), for a call in `lane`. */
  waitTime(family: EndpointFamily, lane: BudgetLane | null = null): number {
    const now = this.now();
    const { requests, perMs } = this.limits[family];
    const window = this.prune(this.sent, family, now);
    const pause = Math.max(0, this.pausedUntil - now);
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
    if (this.shared) {
      // Another instance's 429 holds this one back too (the block is the IP's).
      const until = await this.shared.until().catch(() => 0);
      if (until > this.pausedUntil) this.pausedUntil = until;
    }
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

  /** Bitfinex said 429 (to any family): stop every call, here and on every instance sharing the pause, for at least 60 s. */
  async pause(ms: number = RATE_LIMIT_BLOCK_MS): Promise<void> {
    const until = this.now() + Math.max(ms, RATE_LIMIT_BLOCK_MS);
    this.pausedUntil = Math.max(this.pausedUntil, until);
    await this.shared?.pauseUntil(until).catch(() => {});
  }

  /** Milliseconds left of the pause after a 429 (0 when none), for the health page. */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
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
