// GET /greenfield/api/v1/api-keys/current — the key's scopes as Greenfield store permissions.
import { currentKeyLabel } from "@/lib/greenfield/settings";
import { currentKeyView } from "@/lib/greenfield/store";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute(null, async ({ request, services, principal }) => {
  const token = request.headers.get("authorization")!.replace(/^token /i, "");
  return currentKeyView(principal, token, await currentKeyLabel(services.deps.db, principal));
});
