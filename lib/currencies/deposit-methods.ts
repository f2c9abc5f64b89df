/**
 * Bitfinex's deposit method for each pay currency we offer. A Pay payment says which `method`
 * carried it ("BITCOIN", "TETHERUSX"), never which chain, so this is how a payment of "UST" is
 * told apart between the Ethereum and the Tron entry of one invoice. It is also the `method` a
 * deposit address is created with (`/v2/auth/w/deposit/address`).
 *
 * Bitfinex publishes method -> currency as `GET /v2/conf/pub:map:tx:method`; the app reads that
 * (lib/checkouts/rails/deposit-method-map.ts) and falls back to this table when it cannot.
 * Names from Bitfinex's withdrawal docs' method table (tetheruse, tetherusx, tetherusl,
 * tetherusdtply, tetherusdtton) and the seed's webhook example (BITCOIN). Those marked
 * "unconfirmed" were not found in a Bitfinex document; the live map decides their currency.
 */
export interface DepositMethod {
  /** Our pay-currency symbol, as in `payCurrencies`. */
  symbol: string;
  /** Bitfinex's method name, upper case. */
  method: string;
  /** The currency Bitfinex books the deposit in. */
  currency: string;
}

export const DEPOSIT_METHODS: readonly DepositMethod[] = [
  { symbol: "BTC", method: "BITCOIN", currency: "BTC" },
  { symbol: "LNX", method: "LNX", currency: "LNX" },
  { symbol: "LBT", method: "LBT", currency: "LBT" }, // unconfirmed
  { symbol: "ETH", method: "ETHEREUM", currency: "ETH" },
  { symbol: "UST-ETH", method: "TETHERUSE", currency: "UST" },
  { symbol: "UST-TRX", method: "TETHERUSX", currency: "UST" },
  { symbol: "UST-PLY", method: "TETHERUSDTPLY", currency: "UST" },
  { symbol: "UST-TON", method: "TETHERUSDTTON", currency: "UST" },
  { symbol: "UST-LBT", method: "TETHERUSL", currency: "UST" },
  { symbol: "EUT-ETH", method: "TETHEREUE", currency: "EUT" }, // unconfirmed
  { symbol: "LTC", method: "LITECOIN", currency: "LTC" },
  { symbol: "DOGE", method: "DOGECOIN", currency: "DOGE" }, // unconfirmed
  { symbol: "AVAX", method: "AVAX", currency: "AVAX" }, // unconfirmed
];

const bySymbol = new Map(DEPOSIT_METHODS.map((m) => [m.symbol, m]));
const byMethod = new Map(DEPOSIT_METHODS.map((m) => [m.method, m]));

/** The deposit method of one of our pay currencies. */
export function depositMethodOf(symbol: string): DepositMethod | undefined {
  return bySymbol.get(symbol);
}

/** Our pay-currency symbol for a Bitfinex method name, when the method is one we offer. */
export function symbolOfMethod(method: string): string | undefined {
  return byMethod.get(method.toUpperCase())?.symbol;
}

/** The built-in method -> currencies map, in the shape of Bitfinex's pub:map:tx:method. */
export const BUILT_IN_METHOD_MAP: ReadonlyMap<string, readonly string[]> = new Map(
  DEPOSIT_METHODS.map((m) => [m.method, [m.currency]]),
);
