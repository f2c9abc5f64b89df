// GET /greenfield/api/v1/server/info — the version the plugins check (lib/greenfield/facts.ts).
import { serverInfo } from "@/lib/greenfield/store";
import { greenfieldRoute } from "@/lib/http/greenfield-route";

export const dynamic = "force-dynamic";

export const GET = greenfieldRoute(null, async ({ services }) => serverInfo(services.deps.now()));
