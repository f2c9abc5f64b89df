/**
 * Which payment rails work right now, and why not. Bitfinex removed the Pay endpoints from its SDKs
 * in 2025, so Pay may be gone while Lightning deposit invoices still work: the app must know which.
 * Probes are cheap reads, cached so that health checks never eat into Bitfinex's rate limits.
 */
import type { BitfinexClient } from "../bitfinex/client";
import { isBitfinexError, type BitfinexErrorKind } from "../bitfinex/errors";

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

const CACHE_MS = 30_000;
const holder = globalThis as unknown as { __railsHealth?: { at: number; value: Promise<RailsHealth> } };

async function probe(check: () => Promise<unknown>, okDetail: string): Promise<RailState> {
  const checkedAt = Date.now();
  try {
    await check();
    return { available: true, reason: null, detail: okDetail, checkedAt };
  } catch (e) {
    if (!isBitfinexError(e)) throw e;
    return { available: false, reason: e.kind, detail: e.message, checkedAt };
  }
}

/** Milliseconds since the last probe (Infinity before the first). */
export function railsAgeMs(): number {
  const cached = holder.__railsHealth;
  return cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY;
}

export function checkRails(client: BitfinexClient, opts: { fresh?: boolean } = {}): Promise<RailsHealth> {
  const cached = holder.__railsHealth;
  if (!opts.fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const value = Promise.all([
    probe(() => client.pay.listCurrencies(), "Bitfinex Pay invoices are available."),
    probe(() => client.lightning.listInvoices(), "Lightning deposit invoices are available."),
  ]).then(([pay, lightning]) => ({ pay, lightning }));
  holder.__railsHealth = { at: Date.now(), value };
  return value;
}
