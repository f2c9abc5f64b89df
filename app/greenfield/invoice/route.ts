// GET /greenfield/invoice?id={id}&view=modal — the path BTCPay's own btcpay.js opens: the same as /i/{id}.
import { invoicePageRedirect } from "@/lib/http/greenfield-pages";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return invoicePageRedirect(request, new URL(request.url).searchParams.get("id") ?? "");
}
