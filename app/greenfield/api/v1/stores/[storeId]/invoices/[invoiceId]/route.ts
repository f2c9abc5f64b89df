// GET /greenfield/api/v1/stores/{storeId}/invoices/{invoiceId} — a checkout as a Greenfield invoice.
import { findInvoice, invoiceView } from "@/lib/greenfield/invoices";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute("btcpay.store.canviewinvoices", async ({ params, services }) => {
  const { row, extra } = await findInvoice(services.deps.db, params.invoiceId!);
  return invoiceView(row, extra, services.config.appUrl);
});
