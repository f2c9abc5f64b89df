/**
 * `Authorization: token KEY` (how the Greenfield PHP client sends a key) with this app's merchant
 * API keys: the same keys, hashes and revocation as `Bearer` on /api/v1 (lib/merchant/api-keys.ts).
 */
import type { ApiKeyScope } from "../api-scopes";
import type { Db } from "../db/connect";
import { ApiError } from "../errors/api-error";
import { authenticateMerchant, type MerchantPrincipal } from "../merchant/api-keys";
import { missingPermission, unauthenticated } from "./errors";
import { holds, type CheckedOnlyPermission, type GreenfieldPermission } from "./facts";

export async function authenticateToken(
  db: Db,
  envKey: { key: string; scopes: readonly ApiKeyScope[] } | null,
  request: Request,
): Promise<MerchantPrincipal> {
  const header = request.headers.get("authorization");
  const match = header ? /^token ([\x21-\x7e]{1,200})$/i.exec(header) : null;
  if (!match) throw unauthenticated();
  const bearer = new Request("http://greenfield.invalid/", { headers: { authorization: `Bearer ${match[1]}` } });
  try {
    return await authenticateMerchant(db, envKey, bearer);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) throw unauthenticated();
    throw e;
  }
}

export function requirePermission(
  principal: MerchantPrincipal,
  permission: GreenfieldPermission | CheckedOnlyPermission,
): void {
  if (!holds(principal.scopes, permission)) throw missingPermission(permission);
}
