/**
 * One check for "prove it is you again", wherever a second factor is asked (the second step of a
 * sign-in, a refund's step-up, removing a passkey): a passkey's answer when the browser sent one,
 * else a code from the authenticator app or a recovery code (totp.ts), which stay the fallback.
 */
import "server-only";
import type { Db } from "../db/connect";
import { verifyPasskey, type RelyingParty } from "./passkeys";
import { checkSecondFactor } from "./totp";
import type { UserRow } from "./users";

export interface SecondFactorProof {
  /** A 6-digit code or a recovery code. */
  otp?: unknown;
  /** The browser's answer to navigator.credentials.get (JSON). */
  passkey?: unknown;
}

export type ProofCheck =
  | { ok: true; method: "totp" | "recovery_code" | "passkey"; passkey?: { id: string; name: string } }
  | { ok: false; method: "totp" | "passkey" | null; reason: string };

export const hasProof = (proof: SecondFactorProof) =>
  (typeof proof.otp === "string" && proof.otp.trim() !== "") || (proof.passkey !== undefined && proof.passkey !== null);

export async function checkProof(
  db: Db,
  ctx: { rp: RelyingParty; authSecret: string },
  user: Pick<UserRow, "id" | "totpSecret" | "recoveryCodes">,
  proof: SecondFactorProof,
  now: number,
): Promise<ProofCheck> {
  if (proof.passkey !== undefined && proof.passkey !== null) {
    const result = await verifyPasskey(db, ctx.rp, user.id, proof.passkey, now);
    return result.ok
      ? { ok: true, method: "passkey", passkey: result.passkey }
      : { ok: false, method: "passkey", reason: `the passkey ${result.reason}` };
  }
  if (typeof proof.otp !== "string" || proof.otp.trim() === "")
    return { ok: false, method: null, reason: "is required" };
  const result = await checkSecondFactor(db, user, proof.otp.slice(0, 40), ctx.authSecret, now);
  return result === "wrong"
    ? { ok: false, method: "totp", reason: "is wrong or already used" }
    : { ok: true, method: result === "ok" ? "totp" : "recovery_code" };
}
