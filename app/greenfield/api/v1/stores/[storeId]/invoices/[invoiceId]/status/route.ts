// POST /greenfield/api/v1/stores/{storeId}/invoices/{invoiceId}/status — {status: "Invalid"} expires an unpaid checkout.
import { readGreenfieldBody } from "@/lib/greenfield/body";
import { markInvoice } from "@/lib/greenfield/invoices";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const POST = greenfieldRoute("btcpay.store.canmodifyinvoices", async ({ request, params, services }) => {
  const { body } = await readGreenfieldBody(request);
  return markInvoice(services.deps, params.invoiceId!, body);
});
