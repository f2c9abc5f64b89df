// GET  /greenfield/api-keys/authorize?… — a plugin's "Generate API key": to the dashboard's approval page (sign-in first).
// POST /greenfield/api-keys/authorize?… — the merchant approved there: a scoped key, form-POSTed to the plugin's redirect.
import { recordAudit } from "@/lib/audit/log";
import { currentSession, isSameOriginRequest } from "@/lib/auth/session";
import { clientAddress } from "@/lib/net/client-address";
import { approve, formPostPage, parseAuthorizeRequest } from "@/lib/greenfield/authorize";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { config } = await getServices();
  const search = new URL(request.url).search;
  return new Response(null, {
    status: 303,
    headers: { location: `${config.appUrl}/dashboard/greenfield-authorize${search}`, "cache-control": "no-store" },
  });
}

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export async function POST(request: Request) {
  const services = await getServices();
  const session = await currentSession();
  if (!session) return text(401, "Sign in to the dashboard first.");
  if (!isSameOriginRequest(request, services.config.appUrl))
    return text(403, "This approval did not come from the dashboard.");
  // A key is made here, as on the API keys page: the owner's to give, with a second factor in live mode.
  if (session.user.role !== "owner") return text(403, "Only an owner may give a plugin a key; ask an owner.");
  if (services.config.mode === "live" && !session.user.secondFactor)
    return text(403, "Set up a second factor (Account) before giving keys out in live mode.");
  const req = parseAuthorizeRequest(new URL(request.url).searchParams, services.config.mode);
  if (req.problem) return text(400, req.problem);
  const form = await approve(services.deps.db, req, session.user.name);
  await recordAudit(services.deps.db, {
    actor: session.user,
    address: clientAddress(request.headers, services.config.trustProxy),
    action: "api_key.created",
    subject: form.keyId,
    details: { via: "BTCPay plugin authorize", application: req.applicationName, scopes: form.scopes },
  });
  return new Response(formPostPage(form, request.headers.get("x-nonce")), {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
