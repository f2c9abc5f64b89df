// DELETE /api/dashboard/account/passkeys/{id} — removes one of the signed-in user's passkeys. Needs
// the second factor again in the body: {"otp": "123456"} (or a recovery code) or {"passkey": {…}}
// (an answer to "auth-options"), so a session left open cannot take a passkey away. Audited.
import { z } from "zod";
import { removePasskey } from "@/lib/auth/passkeys";
import { proveAgain } from "@/lib/auth/prove-again";
import { dashboardRoute } from "@/lib/auth/session";
import { ApiError, fromZodError, notFound } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse } from "@/lib/http/route";
import { isId } from "@/lib/ids";

export const dynamic = "force-dynamic";

const schema = z.object({ otp: z.string().max(40).optional(), passkey: z.unknown().optional() }).strict();

export const DELETE = dashboardRoute<{ params: Promise<{ id: string }> }>(
  async (request, { params }, { services, session, audit }) => {
    const { id } = await params;
    if (!isId(id, "pk")) throw notFound("This passkey");
    const parsed = schema.safeParse((await readJsonBody(request)) ?? {});
    if (!parsed.success) throw fromZodError(parsed.error);
    const proof = await proveAgain(services, session.user.id, parsed.data, audit, {
      for: "passkey.removed",
      passkeyId: id,
    });
    if (!proof.ok) {
      await audit("access.denied", `DELETE passkey ${id}`, { reason: `second factor: ${proof.reason}` });
      const field = proof.method === "passkey" ? "passkey" : "otp";
      throw new ApiError({
        code: "second_factor_required",
        field,
        problems: [{ field, message: proof.reason.replace(/^the passkey /, "") }],
        message:
          proof.method === null
            ? "Confirm with a passkey or a code from your authenticator app to remove a passkey."
            : proof.method === "passkey"
              ? "Your passkey did not confirm this. Try again, or enter a code from your authenticator app."
              : "That code is wrong or was already used. Enter the code your authenticator app shows now.",
      });
    }
    const gone = await removePasskey(services.deps.db, session.user.id, id);
    if (!gone) throw notFound("This passkey");
    await audit("passkey.removed", id, { name: gone.name, confirmedWith: proof.method });
    return jsonResponse({ id, removed: true });
  },
);
