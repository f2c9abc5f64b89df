// PATCH /api/dashboard/payment-links/{id} — {"active": false} disables a link, true enables it.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { fromZodError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { paymentLinkView, setPaymentLinkActive } from "@/lib/merchant/payment-links";

export const dynamic = "force-dynamic";

const patchSchema = z.object({ active: z.boolean({ error: "must be true or false" }) }).strict();

export const PATCH = dashboardRoute<{ params: Promise<{ id: string }> }>(async (request, { params }, { services }) => {
  const parsed = patchSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  const link = await setPaymentLinkActive(services.deps, (await params).id, parsed.data.active);
  return jsonResponse(paymentLinkView(link, services.config.appUrl));
});
