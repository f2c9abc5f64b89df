// GET /greenfield/api/v1/stores/{storeId}/payment-methods — our pay currencies as payment methods.
import { greenfieldRoute } from "@/lib/http/greenfield-route";
import { enabledPayCurrencies } from "@/lib/greenfield/settings";
import { storePaymentMethods } from "@/lib/greenfield/store";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute("btcpay.store.canviewstoresettings", async ({ services }) =>
  storePaymentMethods(await enabledPayCurrencies(services.deps.db)),
);
