/**
 * The merchant's Bitfinex limits, read before customers arrive: the daily limit and each pay
 * currency's per-payment range (both in USD as the sandbox answers; Bitfinex's unit is
 * unconfirmed, see lib/bitfinex/pay/limits.ts), and fiat→USD rates to compare amounts with them.
 * Cached for five minutes, one read at a time. When Bitfinex does not answer, the last good answer
 * is used; with none, limits are unknown and nothing is refused for them (Bitfinex still refuses
 * at payment time, as before).
 */
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError } from "../bitfinex/errors";
import type { DailyLimit, PayCurrencyLimit } from "../bitfinex/pay/limits";

export interface LimitsSnapshot {
  daily: DailyLimit | null;
  currencies: ReadonlyMap<string, PayCurrencyLimit>;
  fetchedAt: number;
}

export interface LimitsState {
  snapshot: LimitsSnapshot | null;
  /** Why the last read failed (a safe sentence), or null. */
  error: string | null;
}

const TTL_MS = 5 * 60_000;
/** A failed read is retried at most this often, so an outage does not cost a call per request. */
const RETRY_MS = 30_000;

export class PayLimitsSource {
  private state: LimitsState = { snapshot: null, error: null };
  private lastAttempt = 0;
  private inflight: Promise<void> | null = null;
  private readonly rates = new Map<string, { rate: string; at: number }>();

  constructor(
    private readonly bitfinex: BitfinexClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current limits (refreshed when older than five minutes); null when never read. */
  async current(): Promise<LimitsSnapshot | null> {
    return (await this.read()).snapshot;
  }

  async read(): Promise<LimitsState> {
    const snap = this.state.snapshot;
    const fresh = snap && this.now() - snap.fetchedAt < TTL_MS;
    if (!fresh && this.now() - this.lastAttempt >= RETRY_MS)
      await (this.inflight ??= this.refresh().finally(() => (this.inflight = null)));
    return this.state;
  }

  /** Forgets the cache (after a refused payment showed the limits changed). */
  invalidate() {
    if (this.state.snapshot) this.state = { ...this.state, snapshot: { ...this.state.snapshot, fetchedAt: 0 } };
    this.lastAttempt = 0;
  }

  /** USD per unit of `currency` ("1" for USD), cached like the limits; null when Bitfinex cannot say. */
  async usdRate(currency: string): Promise<string | null> {
    if (currency === "USD") return "1";
    const cached = this.rates.get(currency);
    if (cached && this.now() - cached.at < TTL_MS) return cached.rate;
    try {
      const rate = await this.bitfinex.market.getFxRate(currency, "USD");
      this.rates.set(currency, { rate, at: this.now() });
      return rate;
    } catch (e) {
      if (!isBitfinexError(e)) throw e;
      return cached?.rate ?? null;
    }
  }

  private async refresh() {
    this.lastAttempt = this.now();
    try {
      const [daily, currencies] = await Promise.all([this.bitfinex.pay.getDailyLimit(), this.readCurrencies()]);
      this.state = {
        snapshot: { daily, currencies: new Map(currencies.map((c) => [c.symbol, c])), fetchedAt: this.now() },
        error: null,
      };
    } catch (e) {
      if (!isBitfinexError(e)) throw e;
      this.state = { ...this.state, error: e.message };
    }
  }

  /** The account's own view first; Bitfinex's public list when the signed one is refused. */
  private async readCurrencies(): Promise<PayCurrencyLimit[]> {
    try {
      return await this.bitfinex.pay.listCurrencyLimits();
    } catch (e) {
      // Sent unsigned as the SDK sends it: an "auth" refusal means only that, not a bad key.
      if (isBitfinexError(e) && (e.kind === "permission" || e.kind === "invalid_request" || e.kind === "auth"))
        return this.bitfinex.pay.listPublicCurrencyLimits();
      throw e;
    }
  }
}
