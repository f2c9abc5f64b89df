// GET /greenfield/i/{id} — the same as /i/{id}, where /modal/btcpay.js looks for it (its prefix is the plugin's server URL).
import { invoicePageRedirect } from "@/lib/http/greenfield-pages";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return invoicePageRedirect(request, (await params).id);
}
