/**
 * A merchant API route: the JSON error shape, the services, a checked API key, and the scope the
 * route needs. The scope is the first argument, so a route cannot be written without deciding
 * it (test/route-scopes.test.ts reads it back from every route under app/api/v1).
 */
import "server-only";
import { missingScope, type ApiKeyScope } from "../api-scopes";
import { recordAudit, type AuditAction } from "../audit/log";
import { clientAddress } from "../net/client-address";
import { authenticateMerchant, type MerchantPrincipal } from "../merchant/api-keys";
import { getServices, type Services } from "../server/services";
import { route } from "./route";

/** A scope, or "any" for a route every valid key may call (only GET /api/v1/api-keys/current). */
export type RouteScope = ApiKeyScope | "any";

/** Appends to the audit log as this API key, from the request's address. */
export type KeyAudit = (
  action: AuditAction,
  subject?: string | null,
  details?: Record<string, unknown> | null,
) => Promise<void>;

type MerchantHandler<C> = (
  request: Request,
  context: C,
  env: { services: Services; principal: MerchantPrincipal; audit: KeyAudit },
) => Promise<Response>;

export type MerchantRouteHandler<C> = ((request: Request, context: C) => Promise<Response>) & {
  readonly requiredScope: RouteScope;
};

export function merchantRoute<C = unknown>(scope: RouteScope, handler: MerchantHandler<C>): MerchantRouteHandler<C> {
  const wrapped = route<C>(async (request, context) => {
    const services = await getServices();
    const { config } = services;
    const envKey = config.merchantApiKey ? { key: config.merchantApiKey, scopes: config.merchantApiKeyScopes } : null;
    const principal = await authenticateMerchant(services.deps.db, envKey, request);
    const actor = { id: `api:${principal.keyId}`, name: `API key ${principal.keyId}` };
    const address = clientAddress(request.headers, config.trustProxy);
    const audit: KeyAudit = async (action, subject = null, details = null) => {
      await recordAudit(services.deps.db, { actor, address, action, subject, details }, services.deps.now());
    };
    if (scope !== "any" && !principal.scopes.includes(scope)) {
      await audit("access.denied", `${request.method} ${new URL(request.url).pathname}`, { missingScope: scope });
      throw missingScope(scope, principal.keyId === "env");
    }
    return handler(request, context, { services, principal, audit });
  });
  return Object.assign(wrapped, { requiredScope: scope });
}
