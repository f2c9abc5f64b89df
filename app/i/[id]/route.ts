// GET /i/{id} — a Greenfield invoice's checkoutLink: our payment page (?view=modal: its embed view, for /modal/btcpay.js).
import { invoicePageRedirect } from "@/lib/http/greenfield-pages";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return invoicePageRedirect(request, (await params).id);
}
