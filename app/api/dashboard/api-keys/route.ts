// POST /api/dashboard/api-keys — {"name": "…", "scopes": ["checkouts:read", …]}: a new merchant API
// key, shown in this answer only. Scopes default to reading and creating checkouts.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { API_KEY_SCOPES, DEFAULT_KEY_SCOPES } from "@/lib/api-scopes";
import { createApiKey } from "@/lib/merchant/api-keys";

export const dynamic = "force-dynamic";

const createSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
    scopes: z
      .array(z.enum(API_KEY_SCOPES, { error: `must each be one of ${API_KEY_SCOPES.join(", ")}` }), {
        error: "must be a list of scopes",
      })
      .min(1, "choose at least one scope")
      .max(API_KEY_SCOPES.length * 2)
      .default([...DEFAULT_KEY_SCOPES]),
  })
  .strict();

export const POST = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = createSchema.parse(await readJsonBody(request));
  const made = await createApiKey(services.deps.db, parsed.name, parsed.scopes, services.deps.now());
  await audit("api_key.created", made.id, { name: parsed.name, scopes: made.scopes });
  return jsonResponse(made, 201);
});
