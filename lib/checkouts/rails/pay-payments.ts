/**
 * Which entry of a Pay invoice each payment paid. One Pay invoice offers several entries (BTC,
 * BTC over Lightning, USDt on Ethereum, USDt on Tron…) and Bitfinex reports payments with a
 * `currency` and a deposit `method` ("BITCOIN", "TETHERUSX"), never the entry or the chain. So a
 * payment is matched by currency first, and where two entries share a currency, by the chain
 * its method stands for (../shared/seeds/002: `"currency": "BTC", "method": "BITCOIN"`).
 */
import type { PayAddress, PayPayment } from "../../bitfinex/types";
import { BUILT_IN_METHOD_MAP, symbolOfMethod } from "../../currencies/deposit-methods";
import { PAY_CURRENCIES } from "../../currencies/pay-currencies";

/** Bitfinex's method -> currencies map (pub:map:tx:method), upper case. */
export type MethodMap = ReadonlyMap<string, readonly string[]>;

/** Our pay-currency symbol for one of an invoice's entries ("UST" on "TRX" -> "UST-TRX"). */
export function symbolOf(asset: string, pool: string): string | null {
  for (const c of PAY_CURRENCIES.values()) if (c.asset === asset && c.pool === pool) return c.symbol;
  return null;
}

/** Our symbol for an entry: from its asset and chain, else the Pay symbol Bitfinex wrote on it. */
export function entrySymbol(a: PayAddress): string | null {
  return symbolOf(a.payCurrency, a.poolCurrency) ?? (a.currency && PAY_CURRENCIES.has(a.currency) ? a.currency : null);
}

/** Every name an entry's currency goes by: its Pay symbol, its asset, and for Lightning "LNX". */
function namesOf(a: PayAddress): Set<string> {
  const names = new Set([a.payCurrency.toUpperCase()]);
  if (a.currency) names.add(a.currency.toUpperCase());
  const symbol = entrySymbol(a);
  if (symbol) names.add(symbol);
  if (a.poolCurrency.toUpperCase() === "LNX") names.add("LNX");
  return names;
}

/** The currencies a payment can be in: the one it names, and those its method carries. */
function currenciesOf(p: PayPayment, methods: MethodMap): Set<string> {
  const out = new Set([p.currency.toUpperCase()]);
  const method = p.method?.toUpperCase();
  if (method) for (const c of methods.get(method) ?? BUILT_IN_METHOD_MAP.get(method) ?? []) out.add(c);
  return out;
}

/**
 * The index of the entry `p` paid, or -1 when none fits. Ties between entries of one currency
 * go to the chain of the payment's method, then to the customer's choice, then to the first.
 */
export function entryIndexFor(p: PayPayment, entries: PayAddress[], methods: MethodMap, chosen: string | null): number {
  const currencies = currenciesOf(p, methods);
  const candidates = entries
    .map((e, i) => ({ i, symbol: entrySymbol(e), names: namesOf(e) }))
    .filter((c) => [...c.names].some((n) => currencies.has(n)));
  const bySymbol = (symbol: string | null | undefined) => candidates.find((c) => symbol && c.symbol === symbol);
  const viaMethod = p.method ? symbolOfMethod(p.method) : undefined;
  if (candidates.length === 0) {
    // A currency we could not read, but a method we know: trust the method.
    const i = entries.findIndex((e) => viaMethod && entrySymbol(e) === viaMethod);
    return i;
  }
  if (candidates.length === 1) return candidates[0]!.i;
  return (bySymbol(viaMethod) ?? bySymbol(chosen) ?? candidates[0]!).i;
}
