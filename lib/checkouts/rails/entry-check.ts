/**
 * What Bitfinex hands us is checked before a customer sees it. An invoice entry is offered only
 * when its address fits its chain (lib/chains/addresses.ts) and, for the assets this app can
 * quote on its own (bitcoin on any network, from Bitfinex's tBTCUSD ticker; USDt, taken at one US
 * dollar), when its amount is within ENTRY_AMOUNT_TOLERANCE of our own quote of the checkout.
 * Bitfinex quotes with its own rates and the invoice may be minutes old, so 15 % leaves room for
 * both; a stand-in answering "5 BTC" for a $5 order is far outside it. Other assets are checked by
 * address only. A failed check never reaches the customer ("not available right now"); the
 * merchant sees the reason on the health page.
 */
import type { PayAddress } from "../../bitfinex/types";
import { isValidAddress } from "../../chains/addresses";
import { payCurrency } from "../../currencies/pay-currencies";
import { Money, toAmountString } from "../../money/decimal";
import type { CheckoutDeps } from "../deps";
import type { CheckoutRow } from "../repository";

export const ENTRY_AMOUNT_TOLERANCE = "0.15";

const short = (s: string) => (s.length > 24 ? `${s.slice(0, 12)}…${s.slice(-8)}` : s);

/** Rates read for the check, kept 30 s per client so a stream of customers costs no more public calls than one. */
const RATE_TTL_MS = 30_000;
const rates = new WeakMap<object, Map<string, { at: number; value: Promise<string> }>>();

function cachedRate(deps: CheckoutDeps, key: string, read: () => Promise<string>): Promise<string> {
  let byKey = rates.get(deps.bitfinex);
  if (!byKey) rates.set(deps.bitfinex, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && deps.now() - hit.at < RATE_TTL_MS) return hit.value;
  const value = read();
  value.catch(() => byKey!.delete(key));
  byKey.set(key, { at: deps.now(), value });
  return value;
}

/** Our own price of the checkout in `asset`, or null where this app cannot quote it. */
async function ownQuote(deps: CheckoutDeps, checkout: CheckoutRow, asset: string): Promise<Money | null> {
  if (asset !== "BTC" && asset !== "UST") return null;
  const usd =
    checkout.currency === "USD"
      ? new Money(checkout.amount)
      : new Money(checkout.amount).mul(
          await cachedRate(deps, `fx:${checkout.currency}`, () =>
            deps.bitfinex.market.getFxRate(checkout.currency, "USD"),
          ),
        );
  if (asset === "UST") return usd;
  const bid = new Money(
    await cachedRate(deps, "tBTCUSD", async () => (await deps.bitfinex.market.getTicker("tBTCUSD")).bid),
  );
  return bid.gt(0) ? usd.div(bid) : null;
}

/** Why Bitfinex's entry for `symbol` must not be shown, or null when it passes. */
export async function entryProblem(
  deps: CheckoutDeps,
  checkout: CheckoutRow,
  symbol: string,
  entry: PayAddress,
): Promise<string | null> {
  const info = payCurrency(symbol);
  if (!info) return `Bitfinex's entry names ${symbol}, a pay currency this app does not know`;
  if (info.format !== "lightning") {
    const ok = isValidAddress(info.format, entry.address, deps.mode === "live" ? { testnet: false } : {});
    if (!ok)
      return `Bitfinex's ${symbol} entry has the address "${short(entry.address)}", which is not a ${info.networkName} address`;
  }
  const amount = new Money(entry.amount);
  if (!amount.gt(0)) return `Bitfinex's ${symbol} entry asks for ${entry.amount}`;
  let ours: Money | null;
  try {
    ours = await ownQuote(deps, checkout, info.asset);
  } catch (e) {
    // Our own quote is unavailable: the address check stands alone this time.
    deps.log(`entry check: no own quote for ${info.asset} (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
  if (!ours || !ours.gt(0)) return null;
  const off = amount.div(ours).sub(1).abs();
  if (off.gt(ENTRY_AMOUNT_TOLERANCE))
    return (
      `Bitfinex's ${symbol} entry asks for ${toAmountString(amount)} ${info.asset} for ${toAmountString(new Money(checkout.amount))} ${checkout.currency}; ` +
      `our own quote is ${toAmountString(ours.toDecimalPlaces(8))} ${info.asset}, more than 15% apart`
    );
  return null;
}
