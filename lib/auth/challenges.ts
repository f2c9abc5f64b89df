/**
 * The server's store of second-factor challenges (the auth_challenges table): a WebAuthn
 * challenge for registering or using a passkey, and a sign-in's second-step ticket (the first
 * factor was right; the second is still to come). Each is 32 random bytes, bound to one user and
 * one purpose, expires within minutes, and is taken by exactly one request: taking it deletes it
 * in the same statement that finds it, so two requests racing with one challenge cannot both
 * pass, and a challenge another user or another purpose asked for is not found.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, lt, notInArray } from "drizzle-orm";
import type { Db } from "../db/connect";
import { authChallenges } from "../db/schema";
import { newId } from "../ids";

export type ChallengePurpose = (typeof authChallenges.$inferSelect)["purpose"];

/** How long each kind lives: a passkey prompt is answered within a couple of minutes; a sign-in's second step within five. */
export const CHALLENGE_TTL_MS: Record<ChallengePurpose, number> = {
  passkey_register: 5 * 60_000,
  passkey_auth: 3 * 60_000,
  second_step: 5 * 60_000,
};

/** At most this many open challenges per user and purpose: asking again and again pushes the oldest out. */
export const MAX_OPEN_CHALLENGES = 10;

export interface IssuedChallenge {
  id: string;
  /** base64url: the WebAuthn challenge, or the second-step ticket handed to the browser. */
  challenge: string;
  expiresAt: Date;
}

/** A new challenge for this user and purpose (and clears this user's expired ones). */
export async function issueChallenge(
  db: Db,
  userId: string,
  purpose: ChallengePurpose,
  now: number,
  details: Record<string, unknown> | null = null,
): Promise<IssuedChallenge> {
  await db
    .delete(authChallenges)
    .where(and(eq(authChallenges.userId, userId), lt(authChallenges.expiresAt, new Date(now))));
  const row = {
    id: newId("ach"),
    userId,
    purpose,
    challenge: randomBytes(32).toString("base64url"),
    details,
    expiresAt: new Date(now + CHALLENGE_TTL_MS[purpose]),
  };
  await db.insert(authChallenges).values(row);
  const newest = db
    .select({ id: authChallenges.id })
    .from(authChallenges)
    .where(and(eq(authChallenges.userId, userId), eq(authChallenges.purpose, purpose)))
    .orderBy(desc(authChallenges.expiresAt), desc(authChallenges.id))
    .limit(MAX_OPEN_CHALLENGES);
  await db
    .delete(authChallenges)
    .where(
      and(
        eq(authChallenges.userId, userId),
        eq(authChallenges.purpose, purpose),
        notInArray(authChallenges.id, newest),
      ),
    );
  return { id: row.id, challenge: row.challenge, expiresAt: row.expiresAt };
}

export interface TakenChallenge {
  userId: string;
  challenge: string;
  details: Record<string, unknown> | null;
}

/**
 * Takes (deletes) the challenge with this value when it is this purpose's, unexpired, and (when
 * `userId` is given) this user's; null otherwise. A challenge is taken at most once.
 */
export async function takeChallenge(
  db: Db,
  challenge: string,
  purpose: ChallengePurpose,
  now: number,
  userId?: string,
): Promise<TakenChallenge | null> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(challenge)) return null;
  const rows = await db
    .delete(authChallenges)
    .where(
      and(
        eq(authChallenges.challenge, challenge),
        eq(authChallenges.purpose, purpose),
        gt(authChallenges.expiresAt, new Date(now)),
        ...(userId === undefined ? [] : [eq(authChallenges.userId, userId)]),
      ),
    )
    .returning({ userId: authChallenges.userId, challenge: authChallenges.challenge, details: authChallenges.details });
  return rows[0] ?? null;
}

/** Reads a challenge without taking it (a second-step ticket while its user tries codes), or null. */
export async function peekChallenge(
  db: Db,
  challenge: string,
  purpose: ChallengePurpose,
  now: number,
): Promise<TakenChallenge | null> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(challenge)) return null;
  const [row] = await db
    .select({ userId: authChallenges.userId, challenge: authChallenges.challenge, details: authChallenges.details })
    .from(authChallenges)
    .where(
      and(
        eq(authChallenges.challenge, challenge),
        eq(authChallenges.purpose, purpose),
        gt(authChallenges.expiresAt, new Date(now)),
      ),
    )
    .limit(1);
  return row ?? null;
}
