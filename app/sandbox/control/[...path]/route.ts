// GET|POST /sandbox/control/... — simulate payments, expiry, lost webhooks and faults (sandbox mode only);
// GET /sandbox/control/db-digest — row counts and hashes of every table (lib/sandbox/db-digest.ts).
import { getConfig } from "@/lib/env";
import { handleCheckoutControl } from "@/lib/sandbox/checkout-control";
import { handleControl } from "@/lib/sandbox/control";
import { databaseDigest } from "@/lib/sandbox/db-digest";
import { getSandbox, toResponse } from "@/lib/sandbox/instance";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  if (getConfig().mode !== "sandbox") return new Response("Not Found", { status: 404 });
  const path = (await params).path.join("/");
  // Row counts and hashes of every table: how the reliability tests prove bad input changed nothing.
  if (request.method === "GET" && path === "db-digest")
    return Response.json(await databaseDigest((await getServices()).deps.db));
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
