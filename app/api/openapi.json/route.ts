// GET /api/openapi.json — public: the OpenAPI 3.1 description of the API (lib/openapi/document.ts).
import { getConfig } from "@/lib/env";
import { jsonResponse, route } from "@/lib/http/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

let cached: { key: string; body: unknown } | null = null;

export const GET = route(async () => {
  const { mode, appUrl } = getConfig();
  // Built once per process: the schemas do not change while it runs.
  if (cached?.key !== `${mode} ${appUrl}`)
    cached = { key: `${mode} ${appUrl}`, body: buildOpenApiDocument(mode, appUrl) };
  return jsonResponse(cached.body, 200, { "access-control-allow-origin": "*" });
});
