// PUT /api/dashboard/security — {"refundStepUpAbove": "100"}: refunds of checkouts above this amount
// (in the checkout's own currency) ask a user with a second factor for a fresh code. Owners only.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { setStepUpThreshold, stepUpThreshold } from "@/lib/auth/step-up";
import { fromZodError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const schema = z
  .object({
    refundStepUpAbove: z
      .string({ error: "is required" })
      .trim()
      .regex(/^\d{1,12}(\.\d{1,8})?$/, 'must be an amount such as "0" or "250.00"'),
  })
  .strict();

export const PUT = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  const before = await stepUpThreshold(services.deps.db);
  await setStepUpThreshold(services.deps.db, parsed.data.refundStepUpAbove);
  await audit("setting.changed", "refund_step_up_above", {
    refundStepUpAbove: { from: before, to: parsed.data.refundStepUpAbove },
  });
  return jsonResponse({ refundStepUpAbove: parsed.data.refundStepUpAbove });
});
