/**
 * The fixed facts of this app's BTCPay Greenfield face (lib/greenfield): one store, the server
 * version the plugins read, and how this app's API key scopes read as Greenfield permissions.
 *
 * Permission mapping (a key's scopes → what `GET api-keys/current` lists, and what each route needs):
 *
 * | Greenfield permission (btcpay.store.…) | our scope        | routes                                                    |
 * |----------------------------------------|------------------|-----------------------------------------------------------|
 * | canviewinvoices                        | checkouts:read   | GET invoices/{id}, GET invoices/{id}/payment-methods      |
 * | canviewstoresettings                   | checkouts:read   | GET stores, GET stores/{s}, GET stores/{s}/payment-methods|
 * | cancreateinvoice                       | checkouts:write  | POST stores/{s}/invoices                                  |
 * | canmodifyinvoices                      | checkouts:write  | POST invoices/{id}/status (mark Invalid = expire)         |
 * | webhooks.canmodifywebhooks             | webhooks:admin   | stores/{s}/webhooks[/{id}]                                |
 * | cancreatenonapprovedpullpayments       | refunds:offer    | POST stores/{s}/pull-payments (a claim link you approve)  |
 *
 * `cancreatepullpayments` (BTCPay: pull payments whose claims need no approval; it includes the
 * non-approved one) is held by a key with `refunds:write`, which can send refunds anyway. It is
 * checked (autoApproveClaims: true) but never listed by `api-keys/current` nor granted by the
 * authorize page: the WooCommerce plugin refuses a key listing a permission it did not ask for
 * (GreenfieldApiAuthorization::hasRequiredPermissions), and a merchant's all-scopes key pasted
 * into the plugin must keep working. Not served at all: canmodifystoresettings (read as the webhook
 * permission, as BTCPay includes it), canarchivepullpayments, canviewpullpayments, the server-wide ones.
 */
import type { ApiKeyScope } from "../api-scopes";

/** The one store: this merchant. A fixed id, so a plugin that stored it keeps working. */
export const STORE_ID = "bitfinex-checkout";

/** BTCPay's version the plugins compare against (WooCommerce's plugin wants ≥ 1.7.6 for refunds). */
export const SERVER_VERSION = "1.13.0";

export type GreenfieldPermission =
  | "btcpay.store.canviewinvoices"
  | "btcpay.store.canviewstoresettings"
  | "btcpay.store.cancreateinvoice"
  | "btcpay.store.canmodifyinvoices"
  | "btcpay.store.webhooks.canmodifywebhooks"
  | "btcpay.store.cancreatenonapprovedpullpayments";

/** Checked on a route but neither listed nor granted (see above). */
export type CheckedOnlyPermission = "btcpay.store.cancreatepullpayments";

export const PERMISSION_SCOPE: Record<GreenfieldPermission, ApiKeyScope> = {
  "btcpay.store.canviewinvoices": "checkouts:read",
  "btcpay.store.canviewstoresettings": "checkouts:read",
  "btcpay.store.cancreateinvoice": "checkouts:write",
  "btcpay.store.canmodifyinvoices": "checkouts:write",
  "btcpay.store.webhooks.canmodifywebhooks": "webhooks:admin",
  "btcpay.store.cancreatenonapprovedpullpayments": "refunds:offer",
};

/**
 * Every scope that holds a permission (BTCPay's includes: cancreatepullpayments includes the
 * non-approved one), for the routes' checks; PERMISSION_SCOPE is the one a new key is given.
 */
export const HELD_BY: Record<GreenfieldPermission | CheckedOnlyPermission, readonly ApiKeyScope[]> = {
  ...(Object.fromEntries(Object.entries(PERMISSION_SCOPE).map(([p, s]) => [p, [s]])) as Record<
    GreenfieldPermission,
    ApiKeyScope[]
  >),
  "btcpay.store.cancreatenonapprovedpullpayments": ["refunds:offer", "refunds:write"],
  "btcpay.store.cancreatepullpayments": ["refunds:write"],
};

export const holds = (scopes: readonly ApiKeyScope[], permission: GreenfieldPermission | CheckedOnlyPermission) =>
  HELD_BY[permission].some((s) => scopes.includes(s));

/** What each permission lets the plugin do, in words (the authorize page). */
export const PERMISSION_WORDS: Record<GreenfieldPermission, string> = {
  "btcpay.store.canviewinvoices": "See your checkouts, their status and payments",
  "btcpay.store.canviewstoresettings": "See the shop's name and which cryptocurrencies customers may pay with",
  "btcpay.store.cancreateinvoice": "Create checkouts for orders",
  "btcpay.store.canmodifyinvoices": "Cancel (expire) a checkout that has not been paid",
  "btcpay.store.webhooks.canmodifywebhooks":
    "Set up where payment notifications are sent (the key's webhooks scope also reaches your own webhook endpoint and its signing secret)",
  "btcpay.store.cancreatenonapprovedpullpayments":
    "Offer a customer a refund as a link: they give their address, and nothing is sent until you approve it in the dashboard",
};

export const GREENFIELD_PERMISSIONS = Object.keys(PERMISSION_SCOPE) as GreenfieldPermission[];

/** The permissions a key with `scopes` holds, written as Greenfield writes store permissions. */
export function permissionsOf(scopes: readonly ApiKeyScope[]): string[] {
  return GREENFIELD_PERMISSIONS.filter((p) => holds(scopes, p)).map((p) => `${p}:${STORE_ID}`);
}

/**
 * A requested Greenfield permission (`btcpay.store.x`, `btcpay.store.x:storeId`) → the permission
 * we know, or null. "btcpay.store.canmodifystoresettings" implies the webhook permission, as in BTCPay.
 */
export function knownPermission(raw: string): GreenfieldPermission | null {
  const name = raw.split(":")[0]!;
  if (name === "btcpay.store.canmodifystoresettings") return "btcpay.store.webhooks.canmodifywebhooks";
  return (GREENFIELD_PERMISSIONS as string[]).includes(name) ? (name as GreenfieldPermission) : null;
}
