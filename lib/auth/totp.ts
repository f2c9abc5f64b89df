/**
 * The second factor: TOTP (RFC 6238: 6 digits, 30 s, SHA-1, what every authenticator app reads)
 * by `otpauth`, a maintained implementation, and ten one-time recovery codes. The secret is
 * sealed (AES-256-GCM, key derived from the session secret) so a copy of the database alone does
 * not give the codes away; recovery codes are kept as SHA-256 hashes (they are 50 random bits
 * each, shown once). A code is accepted once: the time step it belongs to is remembered, and a
 * code from that step or an earlier one is refused (RFC 6238 §5.2), so a code seen over a
 * shoulder cannot be used again, neither to sign in nor for a refund's step-up.
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { base32nopad } from "@scure/base";
import { and, eq, isNull, or, lt, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import type { Db } from "../db/connect";
import { passkeys, users } from "../db/schema";
import type { UserRow } from "./users";

const PERIOD = 30;
const ISSUER = "Bitfinex Checkout";
export const RECOVERY_CODE_COUNT = 10;

function key(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "totp-secret-seal", "bitfinex-checkout totp", 32));
}

export function seal(plain: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(authSecret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function unseal(sealed: string, authSecret: string): string | null {
  if (!sealed.startsWith("v1.")) return null;
  const raw = Buffer.from(sealed.slice(3), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(authSecret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

function totp(secretBase32: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** Starts enrolment: a new secret kept as pending; the otpauth:// URI for the QR code, and the secret to type. */
export async function startEnrolment(
  db: Db,
  user: Pick<UserRow, "id" | "login">,
  authSecret: string,
): Promise<{ uri: string; secret: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db
    .update(users)
    .set({ totpPending: seal(secret, authSecret) })
    .where(eq(users.id, user.id));
  return { uri: totp(secret, user.login).toString(), secret };
}

/** The time step a code belongs to when it is good now (±1 step of clock drift), else null. */
function matchingStep(secretBase32: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32, "x").validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/**
 * Takes a code as used: true only when it is good now and its step is later than the last one
 * accepted (one compare-and-set, so two requests racing with one code cannot both pass).
 */
async function consumeStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export const hashRecoveryCode = (code: string) =>
  createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = base32nopad.encode(randomBytes(7)).toLowerCase().slice(0, 10);
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  });
}

/**
 * Finishes enrolment with a code from the pending secret: the secret becomes the user's, and the
 * recovery codes are made (returned once, kept hashed). Null when the code does not match.
 */
export async function confirmEnrolment(
  db: Db,
  userId: string,
  code: string,
  authSecret: string,
  now: number,
): Promise<string[] | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const secret = user?.totpPending ? unseal(user.totpPending, authSecret) : null;
  if (!user || !secret) return null;
  const step = matchingStep(secret, code.trim(), now);
  if (step === null) return null;
  const codes = newRecoveryCodes();
  const rows = await db
    .update(users)
    .set({
      totpSecret: user.totpPending,
      totpPending: null,
      totpEnabledAt: new Date(now),
      totpLastStep: step,
      recoveryCodes: codes.map(hashRecoveryCode),
    })
    .where(and(eq(users.id, userId), eq(users.totpPending, user.totpPending!)))
    .returning({ id: users.id });
  return rows.length ? codes : null;
}

export type SecondFactorCheck = "ok" | "recovery_code" | "wrong";

/**
 * Checks a code from the user's authenticator app, or one of their recovery codes (which is then
 * used up). Every code is good once.
 */
export async function checkSecondFactor(
  db: Db,
  user: Pick<UserRow, "id" | "totpSecret" | "recoveryCodes">,
  code: string,
  authSecret: string,
  now: number,
  { allowRecoveryCode = true } = {},
): Promise<SecondFactorCheck> {
  const secret = user.totpSecret ? unseal(user.totpSecret, authSecret) : null;
  if (!secret) return "wrong";
  const trimmed = code.trim();
  const step = matchingStep(secret, trimmed, now);
  if (step !== null) return (await consumeStep(db, user.id, step)) ? "ok" : "wrong";
  if (!allowRecoveryCode || !/^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(trimmed)) return "wrong";
  const hash = hashRecoveryCode(trimmed);
  const known = (user.recoveryCodes ?? []).find((h) => timingSafeEqual(Buffer.from(h), Buffer.from(hash)));
  if (!known) return "wrong";
  // Remove it in one statement that also requires it to be there: used once, even in a race.
  const rows = await db
    .update(users)
    .set({ recoveryCodes: sql`${users.recoveryCodes} - ${hash}::text` })
    .where(and(eq(users.id, user.id), sql`${users.recoveryCodes} ? ${hash}::text`))
    .returning({ id: users.id });
  return rows.length ? "recovery_code" : "wrong";
}

/** Turns the second factor off (an owner for a user who lost their phone and codes): the app, the codes and the passkeys. */
export async function removeSecondFactor(db: Db, userId: string): Promise<void> {
  await db.delete(passkeys).where(eq(passkeys.userId, userId));
  await db
    .update(users)
    .set({
      totpSecret: null,
      totpPending: null,
      totpEnabledAt: null,
      totpLastStep: null,
      recoveryCodes: null,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, userId));
}

/** Test-only helper shape: the code an app would show for a secret at a time. */
export function codeFor(secretBase32: string, now: number): string {
  return totp(secretBase32, "x").generate({ timestamp: now });
}
