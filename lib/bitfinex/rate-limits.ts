/**
 * Bitfinex's documented request budgets, per endpoint family (../shared/bitfinex-api.md §2, §8).
 * The limiter keeps the app under them so Bitfinex never has to answer 429 and block the IP.
 */
export type EndpointFamily =
  | "pay"
  | "movements"
  | "deposit_address"
  | "deposit_invoice"
  | "lnx_payments"
  | "account"
  | "platform_status"
  | "public";

export const FAMILY_LIMITS: Record<EndpointFamily, { requests: number; perMs: number }> = {
  pay: { requests: 90, perMs: 60_000 }, // every Pay page: 90 req/min
  movements: { requests: 90, perMs: 60_000 },
  deposit_address: { requests: 10, perMs: 60_000 },
  deposit_invoice: { requests: 10, perMs: 60_000 }, // undocumented; ccxt assumes 10/min
  lnx_payments: { requests: 90, perMs: 60_000 }, // undocumented; treated like other reads
  account: { requests: 90, perMs: 60_000 }, // permissions: 90/min
  platform_status: { requests: 30, perMs: 60_000 }, // docs (rest-public-platform-status): 30 req/min
  public: { requests: 90, perMs: 60_000 }, // ticker, fx, conf
};

/** Which family a v2 path belongs to. */
export function familyOf(apiPath: string): EndpointFamily {
  if (apiPath.includes("/ext/pay/")) return "pay";
  if (apiPath.includes("/movements/")) return "movements";
  if (apiPath.endsWith("/deposit/address")) return "deposit_address";
  if (apiPath.endsWith("/deposit/invoice")) return "deposit_invoice";
  if (apiPath.includes("/ext/invoice/payments")) return "lnx_payments";
  if (apiPath.includes("/auth/")) return "account";
  if (apiPath === "v2/platform/status") return "platform_status";
  return "public";
}
