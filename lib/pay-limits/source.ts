/**
 * The merchant's Bitfinex limits, read before customers arrive: the daily limits (the e-commerce
 * one is per end customer, lib/bitfinex/pay/limits.ts) and each pay currency's per-payment range,
 * each in its own currency (`limitCcy`, USD when Bitfinex names none), and Bitfinex's rates to
 * compare amounts with them. Cached for five minutes, one read at a time. When Bitfinex does not
 * answer, the last good answer is used; with none, limits are unknown and nothing is refused for
 * them (Bitfinex still refuses at payment time, and that refusal is shown).
 *
 * One customer's daily limit is asked with their email (`customerEmails`), cached a minute per
 * email (their usage moves as they pay): there is no merchant-wide e-commerce limit to read.
 */
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError } from "../bitfinex/errors";
import type { DailyLimit, PayCurrencyLimit } from "../bitfinex/pay/limits";

export interface LimitsSnapshot {
  daily: DailyLimit | null;
  currencies: ReadonlyMap<string, PayCurrencyLimit>;
  fetchedAt: number;
}

/** One end customer's e-commerce daily limit, as Bitfinex answered for their email. */
export interface CustomerLimit {
  email: string;
  limit: string;
  used: string;
  /** The limit's own currency. */
  currency: string;
}

export interface LimitsState {
  snapshot: LimitsSnapshot | null;
  /** Why the last read failed (a safe sentence), or null. */
  error: string | null;
}

const TTL_MS = 5 * 60_000;
/** A failed read is retried at most this often, so an outage does not cost a call per request. */
const RETRY_MS = 30_000;
/** A customer's usage changes as they pay: asked again after a minute. */
const CUSTOMER_TTL_MS = 60_000;
/** Customers remembered at once (the oldest is forgotten first). */
const CUSTOMER_CACHE_MAX = 1000;

export class PayLimitsSource {
  private state: LimitsState = { snapshot: null, error: null };
  private lastAttempt = 0;
  private inflight: Promise<void> | null = null;
  private readonly rates = new Map<string, { rate: string; at: number }>();
  private readonly customers = new Map<string, { limit: CustomerLimit | null; at: number }>();

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
    this.customers.clear();
  }

  /**
   * This customer's e-commerce daily limit and what they used of it, asked with their email. Null
   * when it cannot be known (Bitfinex names no limit, does not say this customer's usage, or does
   * not answer): then nothing is refused for it here and Bitfinex decides when the invoice is made.
   */
  async customer(email: string): Promise<CustomerLimit | null> {
    const key = email.trim().toLowerCase();
    const cached = this.customers.get(key);
    if (cached && this.now() - cached.at < CUSTOMER_TTL_MS) return cached.limit;
    let limit: CustomerLimit | null = null;
    try {
      const daily = await this.bitfinex.pay.getDailyLimit({ customerEmails: [email.trim()] });
      const mine = daily.customers.find((c) => c.email.trim().toLowerCase() === key);
      if (daily.ecommerceLimit !== null && mine?.usage != null)
        limit = { email: mine.email, limit: daily.ecommerceLimit, used: mine.usage, currency: daily.currency };
    } catch (e) {
      if (!isBitfinexError(e)) throw e;
      return cached?.limit ?? null;
    }
    this.customers.delete(key);
    this.customers.set(key, { limit, at: this.now() });
    if (this.customers.size > CUSTOMER_CACHE_MAX) this.customers.delete(this.customers.keys().next().value!);
    return limit;
  }

  /** Units of `to` per unit of `from` ("1" when they are the same), cached like the limits; null when Bitfinex cannot say. */
  async rate(from: string, to: string): Promise<string | null> {
    if (from === to) return "1";
    const key = `${from}>${to}`;
    const cached = this.rates.get(key);
    if (cached && this.now() - cached.at < TTL_MS) return cached.rate;
    try {
      const rate = await this.bitfinex.market.getFxRate(from, to);
      this.rates.set(key, { rate, at: this.now() });
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
