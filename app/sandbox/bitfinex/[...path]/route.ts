// GET|POST /sandbox/bitfinex/v2/... — the built-in Bitfinex REST API (sandbox mode only; 404 in live mode).
import { getConfig } from "@/lib/env";
import { getSandbox, toResponse } from "@/lib/sandbox/instance";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  if (getConfig().mode !== "sandbox") return new Response("Not Found", { status: 404 });
  const receivedAt = performance.now();
  const { path } = await params;
  const answer = await getSandbox().handle({
    receivedAt,
    method: request.method,
    apiPath: path.join("/"),
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  });
  return toResponse(answer);
}

export { handle as GET, handle as POST };
