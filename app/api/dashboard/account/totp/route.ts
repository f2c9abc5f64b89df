// POST /api/dashboard/account/totp — the signed-in user's second factor (any role):
//   {"action": "start"}: a new secret (pending): {"uri": "otpauth://…", "secret": "BASE32"} for the QR code;
//   {"action": "confirm", "code": "123456"}: a code from it turns the factor on; the answer carries
//   the ten recovery codes, shown this once. Replaces an earlier factor only after a code from the new one.
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";
import { dashboardRoute } from "@/lib/auth/session";
import { confirmEnrolment, startEnrolment } from "@/lib/auth/totp";
import { ApiError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const schema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start") }).strict(),
  z.object({ action: z.literal("confirm"), code: z.string({ error: "is required" }).trim().max(20) }).strict(),
]);

export const POST = dashboardRoute(async (request, _ctx, { services, session, audit }) => {
  const parsed = schema.parse(await readJsonBody(request));
  const secret = authSecret(services.config);
  if (parsed.action === "start") {
    return jsonResponse(await startEnrolment(services.deps.db, session.user, secret));
  }
  const codes = await confirmEnrolment(services.deps.db, session.user.id, parsed.code, secret, services.deps.now());
  if (!codes) {
    throw new ApiError({
      code: "invalid_field",
      field: "code",
      problems: [{ field: "code", message: "does not match: enter the 6-digit code your app shows now" }],
      message: "That code does not match: enter the 6-digit code your app shows now.",
    });
  }
  await audit("totp.enrolled", session.user.id, { replaced: session.user.secondFactor });
  return jsonResponse({ recoveryCodes: codes });
});
