// PUT /api/dashboard/security — {"refundStepUpAbove": "100"}: refunds of checkouts above this amount
// (in the checkout's own currency) ask a user with a second factor for a fresh code; and/or
// {"refundClaimAutoApproveUpTo": "25"}: refund claims worth at most this (in the checkout's own
// currency) are sent as soon as the customer gives the address ("" or "0": off, the default).
// Owners only; a second factor in live mode.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { setStepUpThreshold, stepUpThreshold } from "@/lib/auth/step-up";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { autoApproveLimit, setAutoApproveLimit } from "@/lib/refunds/claims";

export const dynamic = "force-dynamic";

const amount = z
  .string({ error: "is required" })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, 'must be an amount such as "0" or "250.00"');

const schema = z
  .object({
    refundStepUpAbove: amount.optional(),
    refundClaimAutoApproveUpTo: z.union([z.literal(""), amount]).optional(),
  })
  .strict();

export const PUT = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = schema.parse(await readJsonBody(request));
  const db = services.deps.db;
  const { refundStepUpAbove, refundClaimAutoApproveUpTo } = parsed;
  if (refundStepUpAbove !== undefined) {
    const before = await stepUpThreshold(db);
    await setStepUpThreshold(db, refundStepUpAbove);
    await audit("setting.changed", "refund_step_up_above", {
      refundStepUpAbove: { from: before, to: refundStepUpAbove },
    });
  }
  if (refundClaimAutoApproveUpTo !== undefined) {
    const before = await autoApproveLimit(services.deps);
    await setAutoApproveLimit(services.deps, refundClaimAutoApproveUpTo || null);
    await audit("setting.changed", "refund_claim_auto_approve_upto", {
      refundClaimAutoApproveUpTo: { from: before, to: await autoApproveLimit(services.deps) },
    });
  }
  return jsonResponse({
    refundStepUpAbove: await stepUpThreshold(db),
    refundClaimAutoApproveUpTo: await autoApproveLimit(services.deps),
  });
});
