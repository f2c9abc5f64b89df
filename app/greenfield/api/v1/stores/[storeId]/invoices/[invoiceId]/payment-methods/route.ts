// GET /greenfield/api/v1/stores/{storeId}/invoices/{invoiceId}/payment-methods — per pay currency: due, paid, payments.
import { findInvoices } from "@/lib/checkouts/repository";
import { findInvoice, invoicePaymentMethods } from "@/lib/greenfield/invoices";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute("btcpay.store.canviewinvoices", async ({ params, services }) => {
  const { row } = await findInvoice(services.deps.db, params.invoiceId!);
  return invoicePaymentMethods(row, await findInvoices(services.deps.db, row.id));
});
