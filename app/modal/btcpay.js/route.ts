// GET /modal/btcpay.js — BTCPay's modal script where a shop whose server URL is this app's root looks for it: the one under /greenfield.
export const dynamic = "force-dynamic";

export function GET() {
  return new Response(null, {
    status: 308,
    headers: { location: "/greenfield/modal/btcpay.js" },
  });
}
