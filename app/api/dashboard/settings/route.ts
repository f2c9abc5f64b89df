// PATCH /api/dashboard/settings — default pay currencies and duration, branding, embedding
// origins; null puts a value back to its default.
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { settingsPatchSchema, updateSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";

export const PATCH = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = settingsPatchSchema.parse(await readJsonBody(request));
  const saved = await updateSettings(services.deps.db, parsed);
  await audit("setting.changed", null, { changed: parsed });
  return jsonResponse(saved);
});
