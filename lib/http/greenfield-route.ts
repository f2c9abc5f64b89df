/**
 * A BTCPay Greenfield-compatible route (lib/greenfield, served under /greenfield/api/v1): a
 * `token KEY` merchant API key with the Greenfield permission the route needs, the store id
 * checked, every success HTTP 200 (the PHP client accepts nothing else, creates included) and
 * every failure in Greenfield's error shape.
 */
import "server-only";
import { ApiError } from "../errors/api-error";
import { authenticateToken, requirePermission } from "../greenfield/auth";
import { GreenfieldError } from "../greenfield/errors";
import type { GreenfieldPermission } from "../greenfield/facts";
import { assertStore } from "../greenfield/store";
import type { MerchantPrincipal } from "../merchant/api-keys";
import { log } from "../observability/log";
import { getServices, type Services } from "../server/services";

type Params = Record<string, string>;
type Handler = (env: {
  request: Request;
  params: Params;
  services: Services;
  principal: MerchantPrincipal;
}) => Promise<unknown>;

export function greenfieldJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

export function greenfieldErrorResponse(error: unknown): Response {
  if (error instanceof GreenfieldError) return greenfieldJson(error.body, error.status);
  if (error instanceof ApiError) {
    // The checkout engine's refusals (limits, a currency Bitfinex does not take now): its sentence.
    if (error.status === 429) return greenfieldJson({ code: "rate-limited", message: error.message }, 429);
    if (error.status < 500) return greenfieldJson([{ path: error.field ?? "body", message: error.message }], 422);
    return greenfieldJson({ code: "service-unavailable", message: error.message }, error.status);
  }
  log().error({ err: error }, "greenfield: unexpected error");
  return greenfieldJson(
    { code: "unexpected-error", message: "Something went wrong; please try again in a moment." },
    500,
  );
}

/** `permission` null: any valid key (GET api-keys/current). Routes with a `storeId` param check it. */
export function greenfieldRoute(permission: GreenfieldPermission | null, handler: Handler) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const services = await getServices();
      const { config } = services;
      const envKey = config.merchantApiKey ? { key: config.merchantApiKey, scopes: config.merchantApiKeyScopes } : null;
      const principal = await authenticateToken(services.deps.db, envKey, request);
      if (permission) requirePermission(principal, permission);
      const params = (await context.params) ?? {};
      if (params.storeId !== undefined) assertStore(params.storeId);
      return greenfieldJson(await handler({ request, params, services, principal }));
    } catch (e) {
      return greenfieldErrorResponse(e);
    }
  };
}
