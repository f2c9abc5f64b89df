// POST /api/signin/passkey — the second step of a sign-in (lib/auth/sign-in.ts): {"ticket": "…"},
// the ticket the first factor (a password or GitHub) was answered with. Answers the options for
// navigator.credentials.get with a new challenge for the ticket's user ({"options": {…}}), or
// {"options": null} when the user has no passkey (the page then asks for a code). No session yet:
// the ticket, unguessable, bound to one user and five minutes, is what lets it in.
import { z } from "zod";
import { peekChallenge } from "@/lib/auth/challenges";
import { authenticationOptions, relyingParty } from "@/lib/auth/passkeys";
import { ApiError, fromZodError } from "@/lib/errors/api-error";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonResponse, route } from "@/lib/http/route";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

const schema = z.object({ ticket: z.string({ error: "is required" }).max(200) }).strict();

export const POST = route(async (request) => {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fromZodError(parsed.error);
  const { deps, config } = await getServices();
  const pending = await peekChallenge(deps.db, parsed.data.ticket, "second_step", deps.now());
  if (!pending) {
    throw new ApiError({
      code: "unauthorized",
      message: "This sign-in took too long or is finished: sign in again.",
    });
  }
  const options = await authenticationOptions(deps.db, relyingParty(config.appUrl), pending.userId, deps.now());
  return jsonResponse({ options }, 200, { "cache-control": "no-store" });
});
