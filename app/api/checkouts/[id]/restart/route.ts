// POST /api/checkouts/{id}/restart — public: "Start again" on an expired checkout from a link.
import { restartCheckout } from "@/lib/checkouts/restart";
import { notFound } from "@/lib/http/api-error";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const checkout = await restartCheckout(deps, id);
  return jsonResponse({ id: checkout.id, url: `/pay/${checkout.id}` }, 201);
});
