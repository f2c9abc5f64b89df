// GET /greenfield/api/v1/stores/{storeId} — BTCPay Greenfield: the one store (lib/greenfield).
import { greenfieldRoute } from "@/lib/http/greenfield-route";
import { storeName } from "@/lib/greenfield/settings";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute("btcpay.store.canviewstoresettings", async ({ services }) =>
  storeName(services.deps.db),
);
