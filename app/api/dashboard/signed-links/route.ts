// POST /api/dashboard/signed-links — a signed static link made in the dashboard: amount, currency,
// order id and an optional validity in hours (the link's exp is counted from now).
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { dashboardSignedLink } from "@/lib/merchant/signed-link-form";

export const dynamic = "force-dynamic";

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const link = await dashboardSignedLink(
    services.deps.db,
    services.config,
    await readJsonBody(request),
    services.deps.now(),
  );
  return jsonResponse({ object: "signed_link", ...link }, 201);
});
