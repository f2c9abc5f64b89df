/**
 * Which payment rails work right now, and why not. Bitfinex removed the Pay endpoints from its SDKs
 * in 2025, so Pay may be gone while Lightning deposit invoices still work: the app must know which.
 * Probes are cheap reads, cached so that health checks never eat into Bitfinex's rate limits; a
 * real call that fails with "Pay is unavailable" updates the cache at once.
 */
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError, type BitfinexError, type BitfinexErrorKind } from "../bitfinex/errors";

export interface RailState {
  available: boolean;
  /** Machine-readable reason when unavailable (a BitfinexError kind). */
  reason: BitfinexErrorKind | null;
  /** A sentence for the merchant. */
  detail: string;
  checkedAt: number;
}

export interface RailsHealth {
  pay: RailState;
  lightning: RailState;
}

const OK_DETAIL = {
  pay: "Bitfinex Pay invoices are available.",
  lightning: "Lightning deposit invoices are available.",
} as const;

/** Errors that say a rail is switched off for this account, as opposed to a passing fault. */
const RAIL_DOWN: ReadonlySet<BitfinexErrorKind> = new Set(["pay_unavailable", "permission", "auth"]);

/**
 * Whether customers may be offered a rail: yes unless it is switched off. A probe that met a
 * passing fault (Bitfinex busy, slow, answering garbage, in maintenance) says so in the health
 * report, but hiding the currencies for the 30 s the probe is cached would turn one blip into
 * "not available" for every customer; a real attempt gets a 503 the payment page retries instead.
 */
export function railUsable(state: RailState): boolean {
  return state.available || state.reason === null || !RAIL_DOWN.has(state.reason);
}

export class RailsMonitor {
  private cached: { at: number; value: Promise<RailsHealth> } | null = null;

  constructor(
    private readonly client: BitfinexClient,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds since the last probe (Infinity before the first). */
  ageMs(): number {
    return this.cached ? this.now() - this.cached.at : Number.POSITIVE_INFINITY;
  }

  current(opts: { fresh?: boolean } = {}): Promise<RailsHealth> {
    if (!opts.fresh && this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = Promise.all([
      // A documented read (its answer's shape is Bitfinex's own fixture), unlike the currency list.
      this.probe(() => this.client.pay.listInvoices({ limit: 1 }), OK_DETAIL.pay),
      this.probe(() => this.client.lightning.listInvoices(), OK_DETAIL.lightning),
    ]).then(([pay, lightning]) => ({ pay, lightning }));
    this.cached = { at: this.now(), value };
    return value;
  }

  /** A real call failed: if the failure means the rail is off, say so now rather than at the next probe. */
  async report(rail: keyof RailsHealth, error: BitfinexError): Promise<void> {
    if (!RAIL_DOWN.has(error.kind)) return;
    const previous = this.cached ? await this.cached.value.catch(() => null) : null;
    const state: RailState = { available: false, reason: error.kind, detail: error.message, checkedAt: this.now() };
    // The other rails keep what was known of them (or are presumed up until their next probe).
    const keep = (name: keyof RailsHealth): RailState =>
      name === rail
        ? state
        : (previous?.[name] ?? { available: true, reason: null, detail: OK_DETAIL[name], checkedAt: 0 });
    const value: RailsHealth = { pay: keep("pay"), lightning: keep("lightning") };
    this.cached = { at: this.now(), value: Promise.resolve(value) };
  }

  private async probe(check: () => Promise<unknown>, okDetail: string): Promise<RailState> {
    const checkedAt = this.now();
    try {
      await check();
      return { available: true, reason: null, detail: okDetail, checkedAt };
    } catch (e) {
      if (!isBitfinexError(e)) throw e;
      return { available: false, reason: e.kind, detail: e.message, checkedAt };
    }
  }
}
