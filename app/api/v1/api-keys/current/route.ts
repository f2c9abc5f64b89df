// GET /api/v1/api-keys/current — the key making this request: its name, prefix and scopes (never the key).
import { merchantRoute } from "@/lib/http/merchant-route";
import { jsonResponse } from "@/lib/http/route";
import { describeCurrentKey } from "@/lib/merchant/api-keys";

export const dynamic = "force-dynamic";

export const GET = merchantRoute("any", async (_request, _ctx, { services, principal }) =>
  jsonResponse(await describeCurrentKey(services.deps.db, principal)),
);
