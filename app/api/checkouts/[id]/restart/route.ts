// POST /api/checkouts/{id}/restart — public: "Start again" on an expired checkout from a link, with
// the link's terms of now; 410 when the link is off or past its exp (lib/merchant/restart-terms.ts).
// A restart makes a checkout like opening the link again, so it counts against the same
// per-client limit (otherwise expired checkouts could be restarted into an endless chain).
import { restartCheckout } from "@/lib/checkouts/restart";
import { restartTerms } from "@/lib/merchant/restart-terms";
import { notFound } from "@/lib/errors/api-error";
import { jsonResponse, route } from "@/lib/http/route";
import { isId } from "@/lib/ids";
import { countVisitorCheckout } from "@/lib/server/visitor-checkouts";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  if (!isId(id, "co")) throw notFound("This checkout");
  const { deps } = await getServices();
  const checkout = await restartCheckout(deps, id, {
    currentTerms: (row) => restartTerms(deps, row),
    beforeCreate: () => countVisitorCheckout(request),
  });
  return jsonResponse({ id: checkout.id, url: `/pay/${checkout.id}` }, 201);
});
