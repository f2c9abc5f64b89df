/**
 * The request budgets the sandbox enforces, per group of endpoints, as Bitfinex's pages state them
 * (../shared/bitfinex-api.md §2): every Pay page and Movements say 90 requests a minute, Deposit
 * Address 10, Platform Status 30. Deposit invoices are undocumented: the sandbox assumes 10, as ccxt does. Over the
 * budget, Bitfinex answers 429 ["error", 11010, "ratelimit: error"]. Written down here on its
 * own, not imported from the client's table, so a client that believed in a larger budget would
 * be refused here as by Bitfinex.
 */
export const PER_MINUTE: ReadonlyArray<readonly [RegExp, string, number]> = [
  [/^v2\/auth\/[rw]\/ext\/pay\//, "pay", 90],
  [/^v2\/ext\/pay\//, "pay-public", 90],
  [/^v2\/auth\/r\/movements\//, "movements", 90],
  [/^v2\/auth\/w\/deposit\/address$/, "deposit-address", 10],
  [/^v2\/auth\/w\/deposit\/invoice$/, "deposit-invoice", 10],
  [/^v2\/auth\//, "account", 90],
  [/^v2\/platform\/status$/, "platform-status", 30], // Platform Status page: 30 req/min
  [/^/, "public", 90],
];

/** The group a request path falls in, and its budget per minute. */
export function budgetOf(apiPath: string): { group: string; perMinute: number } {
  const [, group, perMinute] = PER_MINUTE.find(([pattern]) => pattern.test(apiPath))!;
  return { group, perMinute };
}
