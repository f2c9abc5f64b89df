// PATCH /api/dashboard/mail — {"alertsTo"?: "you@shop.example" | null, "receipts"?: true | false | "on" | "off"}:
// where merchant alerts go and whether customers get a receipt.
import { z } from "zod";
import { dashboardRoute } from "@/lib/auth/session";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { updateMailSettings } from "@/lib/notifications/mail/settings";

export const dynamic = "force-dynamic";

const schema = z
  .object({
    alertsTo: z
      .string()
      .trim()
      .max(254, "must be at most 254 characters")
      .pipe(z.union([z.literal(""), z.email("must be one e-mail address such as you@shop.example")]))
      .nullable()
      .optional(),
    receipts: z
      .union([z.boolean(), z.enum(["on", "off"]).transform((v) => v === "on")], { error: "must be on or off" })
      .optional(),
  })
  .strict();

export const PATCH = dashboardRoute(async (request, _ctx, { services, audit }) => {
  const parsed = schema.parse(await readJsonBody(request));
  const settings = await updateMailSettings(
    services.deps.db,
    { alertsTo: parsed.alertsTo === "" ? null : parsed.alertsTo, receipts: parsed.receipts },
    services.config.mail?.alertsTo ?? null,
  );
  await audit("setting.changed", "e-mail", {
    ...(parsed.alertsTo !== undefined && { alertsTo: parsed.alertsTo || null }),
    ...(parsed.receipts !== undefined && { receipts: parsed.receipts }),
  });
  return jsonResponse(settings);
});
