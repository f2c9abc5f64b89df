// POST /api/dashboard/account/passkeys — the signed-in user's passkeys (any role; lib/auth/passkeys.ts):
//   {"action": "register-options"}: options for navigator.credentials.create (a new challenge, single use);
//   {"action": "register", "name": "MacBook", "response": {…}}: the browser's answer; the passkey is kept
//     and listed on the Account page. Needs the authenticator app set up first (it stays the fallback);
//   {"action": "auth-options"}: options for navigator.credentials.get, for a step-up (a refund above
//     the threshold) or removing a passkey; {"options": null} without a passkey.
import { z } from "zod";
import { authenticationOptions, registerPasskey, registrationOptions, relyingParty } from "@/lib/auth/passkeys";
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError, fromZodError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const schema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("register-options") }).strict(),
  z
    .object({
      action: z.literal("register"),
      name: z
        .string({ error: "is required" })
        .trim()
        .min(1, "is required")
        .max(60, "must be at most 60 characters")
        .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters"),
      response: z.unknown(),
    })
    .strict(),
  z.object({ action: z.literal("auth-options") }).strict(),
]);

export const POST = dashboardRoute(async (request, _ctx, { services, session, audit }) => {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  const { db } = services.deps;
  const rp = relyingParty(services.config.appUrl);
  const now = services.deps.now();
  if (parsed.data.action === "auth-options") {
    return jsonResponse({ options: await authenticationOptions(db, rp, session.user.id, now) });
  }
  if (!session.user.secondFactor) {
    throw new ApiError({
      code: "second_factor_required",
      message: "Set up an authenticator app first: it stays your fallback when a passkey is not at hand.",
    });
  }
  if (parsed.data.action === "register-options") {
    return jsonResponse(await registrationOptions(db, rp, session.user, now));
  }
  const result = await registerPasskey(db, rp, session.user.id, parsed.data.name, parsed.data.response, now);
  if (!result.ok) {
    throw new ApiError({
      code: "invalid_field",
      field: "response",
      problems: [{ field: "response", message: result.reason }],
      message: `The passkey ${result.reason}.`,
    });
  }
  const { passkey } = result;
  await audit("passkey.registered", passkey.id, {
    name: passkey.name,
    deviceType: passkey.deviceType,
    backedUp: passkey.backedUp,
  });
  return jsonResponse({ id: passkey.id, name: passkey.name, createdAt: passkey.createdAt.toISOString() }, 201);
});
