/**
 * How the sandbox books deposits, as Bitfinex does: a payment names its deposit method
 * ("BITCOIN", "TETHERUSX"), not the invoice entry or chain it paid. Kept apart from the app's own
 * table (lib/currencies/deposit-methods.ts) on purpose: the sandbox plays Bitfinex, and the app
 * must find its way from these names the way it would against Bitfinex (through the
 * pub:map:tx:method answer below, or its fallback), not by sharing a lookup with the sandbox.
 */

/** Deposit method per [asset, chain] of an invoice entry. */
const METHOD_BY_ASSET_AND_CHAIN: Record<string, string> = {
  "BTC/BTC": "BITCOIN",
  "BTC/LNX": "LNX",
  "BTC/LBT": "LBT",
  "ETH/ETH": "ETHEREUM",
  "UST/ETH": "TETHERUSE",
  "UST/TRX": "TETHERUSX",
  "UST/PLY": "TETHERUSDTPLY",
  "UST/TON": "TETHERUSDTTON",
  "UST/LBT": "TETHERUSL",
  "EUT/ETH": "TETHEREUE",
  "LTC/LTC": "LITECOIN",
  "DOGE/DOGE": "DOGECOIN",
  "AVAX/AVAX": "AVAX",
};

export function depositMethodFor(asset: string, chain: string): string {
  return METHOD_BY_ASSET_AND_CHAIN[`${asset}/${chain}`] ?? chain;
}

/**
 * GET /v2/conf/pub:map:tx:method, in the documented shape [[[METHOD,[CURRENCY,…]],…]], with a few
 * methods no checkout offers, as the real map has hundreds.
 */
export function txMethodMapAnswer(): string {
  const rows: Array<[string, string[]]> = [
    ["BITCOIN", ["BTC"]],
    ["LNX", ["LNX"]],
    ["LBT", ["LBT"]],
    ["ETHEREUM", ["ETH"]],
    ["TETHERUSE", ["UST"]],
    ["TETHERUSX", ["UST"]],
    ["TETHERUSL", ["UST"]],
    ["TETHERUSO", ["UST"]],
    ["TETHERUSDTPLY", ["UST"]],
    ["TETHERUSDTTON", ["UST"]],
    ["TETHERUSDTSOL", ["UST"]],
    ["TETHEREUE", ["EUT"]],
    ["LITECOIN", ["LTC"]],
    ["DOGECOIN", ["DOGE"]],
    ["AVAX", ["AVAX"]],
    ["XRP", ["XRP"]],
  ];
  return JSON.stringify([rows]);
}

/** Deposit methods an account may create addresses for (upper case). */
export const KNOWN_DEPOSIT_METHODS = new Set(
  Object.values(METHOD_BY_ASSET_AND_CHAIN).concat(["TETHERUSO", "TETHERUSDTSOL", "XRP"]),
);
