/**
 * What a merchant API key may do. Each route under app/api/v1 declares the one scope it needs
 * (lib/http/merchant-route.ts); a key without it gets 403 missing_scope naming the scope.
 * Plain data (no secrets), so the dashboard's key form lists the same names the server checks.
 */
import { ApiError } from "./errors/api-error";

export const API_KEY_SCOPES = [
  "checkouts:read",
  "checkouts:write",
  "refunds:write",
  "refunds:offer",
  "links:read",
  "links:write",
  "webhooks:admin",
  "plugins:admin",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each scope lets a key do, for the dashboard and docs/api.md. */
export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "checkouts:read": "read checkouts and their refunds",
  "checkouts:write": "create checkouts",
  "refunds:write": "send refunds (money leaves your Bitfinex account)",
  "refunds:offer":
    "offer refunds as claim links through the BTCPay-compatible API (pull payments): the customer gives the address, you approve each one",
  "links:read": "list and read payment links",
  "links:write": "create and edit payment links, make signed links",
  "webhooks:admin": "read and change the webhook URL, send a test, rotate and read the signing secret",
  "plugins:admin": "make, list and revoke shop-plugin keys (each creates checkouts and reads the ones it made)",
};

/** A new key's scopes unless others are chosen: reading and creating checkouts, nothing more. */
export const DEFAULT_KEY_SCOPES: readonly ApiKeyScope[] = ["checkouts:read", "checkouts:write"];

export const isApiKeyScope = (s: unknown): s is ApiKeyScope =>
  typeof s === "string" && (API_KEY_SCOPES as readonly string[]).includes(s);

/** Scopes in the order of API_KEY_SCOPES, without repeats. */
export const sortScopes = (scopes: Iterable<ApiKeyScope>): ApiKeyScope[] => {
  const set = new Set(scopes);
  return API_KEY_SCOPES.filter((s) => set.has(s));
};

/**
 * A comma-separated list (MERCHANT_API_KEY_SCOPES) or "all"; the problem as a sentence, or the scopes.
 */
export function parseScopeList(raw: string): { scopes: ApiKeyScope[] } | { problem: string } {
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 1 && items[0] === "all") return { scopes: [...API_KEY_SCOPES] };
  if (items.length === 0) return { problem: `must name at least one scope, or "all"` };
  const unknown = items.filter((s) => !isApiKeyScope(s));
  if (unknown.length > 0)
    return {
      problem: `has unknown scope ${unknown.map((s) => JSON.stringify(s)).join(", ")}: use "all" or a comma-separated list of ${API_KEY_SCOPES.join(", ")}`,
    };
  return { scopes: sortScopes(items as ApiKeyScope[]) };
}

/** The 403 a key without `scope` gets; `env` says where that key's scopes come from. */
export function missingScope(scope: ApiKeyScope, env: boolean): ApiError {
  const fix = env
    ? "add it to MERCHANT_API_KEY_SCOPES (or use a dashboard key that has it)"
    : "make a key with it in the dashboard (API keys); a key's scopes cannot be widened later";
  return new ApiError({
    code: "missing_scope",
    message: `This API key lacks the scope "${scope}" (${SCOPE_DESCRIPTIONS[scope]}): ${fix}.`,
    field: "Authorization",
    extra: { scope },
  });
}
