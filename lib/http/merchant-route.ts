/** A merchant API route: the JSON error shape, the services, and a checked API key. */
import "server-only";
import { authenticateMerchant, type MerchantPrincipal } from "../merchant/api-keys";
import { getServices, type Services } from "../server/services";
import { route } from "./route";

type MerchantHandler<C> = (
  request: Request,
  context: C,
  env: { services: Services; principal: MerchantPrincipal },
) => Promise<Response>;

export function merchantRoute<C = unknown>(handler: MerchantHandler<C>) {
  return route<C>(async (request, context) => {
    const services = await getServices();
    const principal = await authenticateMerchant(services.deps.db, services.config.merchantApiKey, request);
    return handler(request, context, { services, principal });
  });
}
