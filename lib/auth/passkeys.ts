/**
 * Passkeys (WebAuthn) as a second factor, by @simplewebauthn/server (a maintained implementation
 * of the W3C spec: attestation and assertion parsing, COSE keys, origin / RP id / flags checks).
 * The relying party is APP_URL: its host name is the RP id and its origin the only origin
 * accepted. Every challenge comes from the server's store (challenges.ts): bound to the user,
 * single use, expiring. The signature counter must grow with each use when the authenticator
 * keeps one (a cloned authenticator shows itself by going back); it is moved with a
 * compare-and-set, so two requests racing with one assertion cannot both pass.
 */
import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/connect";
import { passkeys } from "../db/schema";
import { newId } from "../ids";
import { issueChallenge, takeChallenge } from "./challenges";

export type PasskeyRow = typeof passkeys.$inferSelect;
export const RP_NAME = "Bitfinex Checkout";
export const MAX_PASSKEYS = 10;

export interface RelyingParty {
  id: string;
  origin: string;
}

/** The relying party from APP_URL: host name as RP id, origin as the one origin accepted. */
export function relyingParty(appUrl: string): RelyingParty {
  const url = new URL(appUrl);
  return { id: url.hostname, origin: url.origin };
}

export async function listPasskeys(db: Db, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
}

const b64url = z.string().regex(/^[A-Za-z0-9_-]*={0,2}$/, "is not base64url");

/** The browser's answer to navigator.credentials.create, as @simplewebauthn/browser sends it. */
const registrationResponse = z.object({
  id: b64url.max(1400),
  rawId: b64url.max(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url.max(4000),
    attestationObject: b64url.max(20000),
    transports: z.array(z.string().max(40)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.string().max(40).optional(),
});

/** The browser's answer to navigator.credentials.get. */
const authenticationResponse = z.object({
  id: b64url.max(1400),
  rawId: b64url.max(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url.max(4000),
    authenticatorData: b64url.max(4000),
    signature: b64url.max(2000),
    userHandle: b64url.max(200).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.string().max(40).optional(),
});

/** The challenge the browser signed, read from clientDataJSON (checked again by the library). */
function signedChallenge(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" ? data.challenge : null;
  } catch {
    return null;
  }
}

/** Options for navigator.credentials.create: a new challenge for this user, their passkeys excluded. */
export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  user: { id: string; login: string; name: string },
  now: number,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(db, user.id);
  const { challenge } = await issueChallenge(db, user.id, "passkey_register", now);
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.login,
    userDisplayName: user.name,
    // A stable, opaque handle (not the login, which an owner may change).
    userID: new TextEncoder().encode(user.id),
    challenge: Buffer.from(challenge, "base64url"),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: (p.transports ?? undefined) as never })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

export type RegisterResult = { ok: true; passkey: PasskeyRow } | { ok: false; reason: string };

/** Checks the browser's answer against this user's registration challenge (taken), and keeps the passkey. */
export async function registerPasskey(
  db: Db,
  rp: RelyingParty,
  userId: string,
  name: string,
  body: unknown,
  now: number,
): Promise<RegisterResult> {
  const parsed = registrationResponse.safeParse(body);
  if (!parsed.success) return { ok: false, reason: "is not a passkey registration" };
  const response = parsed.data as RegistrationResponseJSON;
  const challenge = signedChallenge(response.response.clientDataJSON);
  const taken = challenge ? await takeChallenge(db, challenge, "passkey_register", now, userId) : null;
  if (!taken) return { ok: false, reason: "was not asked for, was already used or has expired: try again" };
  if ((await listPasskeys(db, userId)).length >= MAX_PASSKEYS)
    return { ok: false, reason: `you have ${MAX_PASSKEYS} passkeys already: remove one first` };
  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!verified.verified) return { ok: false, reason: "could not be verified" };
    info = verified.registrationInfo;
  } catch (e) {
    return { ok: false, reason: `could not be verified (${e instanceof Error ? e.message : "invalid"})` };
  }
  const [row] = await db
    .insert(passkeys)
    .values({
      id: newId("pk"),
      userId,
      name,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      counter: info.credential.counter,
      transports: info.credential.transports ?? response.response.transports ?? null,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    })
    .onConflictDoNothing({ target: passkeys.credentialId })
    .returning();
  if (!row) return { ok: false, reason: "is registered already" };
  return { ok: true, passkey: row };
}

/** Options for navigator.credentials.get: a new challenge for this user, their passkeys allowed. Null without passkeys. */
export async function authenticationOptions(
  db: Db,
  rp: RelyingParty,
  userId: string,
  now: number,
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const mine = await listPasskeys(db, userId);
  if (mine.length === 0) return null;
  const { challenge } = await issueChallenge(db, userId, "passkey_auth", now);
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: Buffer.from(challenge, "base64url"),
    allowCredentials: mine.map((p) => ({ id: p.credentialId, transports: (p.transports ?? undefined) as never })),
    userVerification: "preferred",
  });
}

export type PasskeyCheck = { ok: true; passkey: Pick<PasskeyRow, "id" | "name"> } | { ok: false; reason: string };

/**
 * Checks an assertion for this user: their challenge (taken, whatever the outcome), one of their
 * passkeys, the signature, origin and RP id, and a counter that moved forward.
 */
export async function verifyPasskey(
  db: Db,
  rp: RelyingParty,
  userId: string,
  body: unknown,
  now: number,
): Promise<PasskeyCheck> {
  const parsed = authenticationResponse.safeParse(body);
  if (!parsed.success) return { ok: false, reason: "is not a passkey answer" };
  const response = parsed.data as AuthenticationResponseJSON;
  const challenge = signedChallenge(response.response.clientDataJSON);
  const taken = challenge ? await takeChallenge(db, challenge, "passkey_auth", now, userId) : null;
  if (!taken) return { ok: false, reason: "answers a challenge that was not asked, was used or has expired" };
  const [key] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, userId)))
    .limit(1);
  if (!key) return { ok: false, reason: "is not one of your passkeys" };
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: key.credentialId,
        publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
        counter: key.counter,
        transports: (key.transports ?? undefined) as never,
      },
      requireUserVerification: false,
    });
    if (!verified.verified) return { ok: false, reason: "could not be verified" };
    newCounter = verified.authenticationInfo.newCounter;
  } catch (e) {
    return { ok: false, reason: `could not be verified (${e instanceof Error ? e.message : "invalid"})` };
  }
  // The counter as read: a second use of the same assertion (or a clone racing) finds it moved.
  const rows = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: new Date(now) })
    .where(and(eq(passkeys.id, key.id), eq(passkeys.counter, key.counter)))
    .returning({ id: passkeys.id });
  if (rows.length === 0) return { ok: false, reason: "was used at the same moment elsewhere" };
  return { ok: true, passkey: { id: key.id, name: key.name } };
}

/** Removes one of this user's passkeys; the removed row, or null when it is not theirs. */
export async function removePasskey(db: Db, userId: string, id: string): Promise<PasskeyRow | null> {
  const [row] = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row ?? null;
}
