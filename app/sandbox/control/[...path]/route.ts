// GET|POST /sandbox/control/... — simulate payments, expiry, lost webhooks and faults (sandbox mode only).
import { getConfig } from "@/lib/env";
import { handleControl } from "@/lib/sandbox/control";
import { getSandbox, toResponse } from "@/lib/sandbox/instance";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  if (getConfig().mode !== "sandbox") return new Response("Not Found", { status: 404 });
  const { path } = await params;
  return toResponse(handleControl(getSandbox(), request.method, path.join("/"), await request.text()));
}

export { handle as GET, handle as POST };
