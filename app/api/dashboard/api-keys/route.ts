// POST /api/dashboard/api-keys — {"name": "…"}: a new merchant API key, shown in this answer only.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { fromZodError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { createApiKey } from "@/lib/merchant/api-keys";

export const dynamic = "force-dynamic";

const createSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
  })
  .strict();

export const POST = dashboardRoute(async (request, _ctx, { services }) => {
  const parsed = createSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  return jsonResponse(await createApiKey(services.deps.db, parsed.data.name, services.deps.now()), 201);
});
