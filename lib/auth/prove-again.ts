import "server-only";
import type { Services } from "../server/services";
import { relyingParty } from "./passkeys";
import { checkProof, type ProofCheck, type SecondFactorProof } from "./second-factor";
import { authSecret } from "./secret";
import type { Audit } from "./session";
import { findUserById } from "./users";

/**
 * The signed-in user proves it again (a refund's step-up, removing a passkey): the proof checked
 * against the user as the database knows them now, and a recovery code or passkey used is put in
 * the audit log with what it was for. The caller refuses (and records the refusal) when not ok.
 */
export async function proveAgain(
  services: Pick<Services, "deps" | "config">,
  userId: string,
  proof: SecondFactorProof,
  audit: Audit,
  forWhat: Record<string, unknown>,
): Promise<ProofCheck> {
  const { deps, config } = services;
  const user = await findUserById(deps.db, userId);
  if (!user) return { ok: false, method: null, reason: "is required" };
  const result = await checkProof(
    deps.db,
    { rp: relyingParty(config.appUrl), authSecret: authSecret(config) },
    user,
    proof,
    deps.now(),
  );
  if (result.ok && result.method === "recovery_code") await audit("recovery_code.used", user.id, forWhat);
  if (result.ok && result.passkey)
    await audit("passkey.used", result.passkey.id, { ...forWhat, name: result.passkey.name });
  return result;
}
