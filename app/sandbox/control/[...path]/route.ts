// GET|POST /sandbox/control/... — simulate payments, expiry, lost webhooks and faults (sandbox mode only).
import { getConfig } from "@/lib/env";
import { handleCheckoutControl } from "@/lib/sandbox/checkout-control";
import { handleControl } from "@/lib/sandbox/control";
import { getSandbox, toResponse } from "@/lib/sandbox/instance";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  if (getConfig().mode !== "sandbox") return new Response("Not Found", { status: 404 });
  const path = (await params).path.join("/");
  const text = await request.text();
  if (request.method === "POST" && path.startsWith("checkouts/")) {
    let body: unknown = {};
    try {
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      return Response.json({ error: "invalid_json", message: "The body is not valid JSON." }, { status: 400 });
    }
    const answer = await handleCheckoutControl((await getServices()).deps, getSandbox(), path, body);
    if (answer) return answer;
  }
  return toResponse(handleControl(getSandbox(), request.method, path, text));
}

export { handle as GET, handle as POST };
