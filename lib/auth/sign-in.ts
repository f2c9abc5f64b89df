/**
 * What a sign-in decides, whatever the first factor was: a password (the credentials provider)
 * or GitHub (the OAuth callback). A user with a second factor gets a second-step ticket once the
 * first factor is right (challenges.ts: bound to the user, five minutes, single use) and must then
 * prove the second factor with that ticket: a passkey, a code from the authenticator app or a
 * recovery code. Both first factors go through this same second step; a GitHub sign-in is not let
 * in by the OAuth callback alone when its user has a second factor.
 */
import "server-only";
import { recordAudit } from "../audit/log";
import type { Db } from "../db/connect";
import type { AppConfig } from "../env";
import { issueChallenge, peekChallenge, takeChallenge } from "./challenges";
import { relyingParty } from "./passkeys";
import { PasswordCheckBusy } from "./password";
import { checkProof, hasProof } from "./second-factor";
import { authenticatePassword, ensureFirstOwner, findUserById, userForGitHub, type UserRow } from "./users";
import type { SignInLimiter } from "./sign-in-limiter";
import { authSecret } from "./secret";

export class SignInRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited");
  }
}

/**
 * The first factor was right and the user has a second factor: the proof is missing
 * ("second_step:<ticket>", the ticket to send it with), wrong, or the ticket is gone.
 */
export class SecondFactorNeeded extends Error {
  constructor(code: `second_step:${string}` | "otp_wrong" | "passkey_wrong" | "second_step_expired") {
    super(code);
  }
}

export const SECOND_STEP_PREFIX = "second_step:";

export interface SignInDeps {
  db: Db;
  now: () => number;
}

export interface Credentials {
  username?: string;
  password?: string;
  otp?: string;
  /** The passkey's answer (navigator.credentials.get), as JSON. */
  passkey?: string;
  /** A second-step ticket from a first factor that was right (password or GitHub). */
  ticket?: string;
}

export interface SignedIn {
  id: string;
  name: string;
  sv: number;
}

function parsePasskey(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text.slice(0, 40_000));
  } catch {
    return "not json";
  }
}

/**
 * The credentials provider's authorize: the user to sign in, null for a wrong password, or a
 * thrown SignInRateLimited / SecondFactorNeeded (next-auth hands its message to the sign-in page).
 */
export async function signInWithCredentials(
  deps: SignInDeps,
  config: AppConfig,
  limiter: SignInLimiter,
  credentials: Credentials,
  address: string,
): Promise<SignedIn | null> {
  const ticket = String(credentials.ticket ?? "").slice(0, 200);
  let user: UserRow | null;
  let method: "password" | "github" = "password";
  // What the limiter counts against: the name typed (as before this step existed), or the ticket's user.
  let limitName: string;
  if (ticket) {
    const pending = await peekChallenge(deps.db, ticket, "second_step", deps.now());
    user = pending ? await findUserById(deps.db, pending.userId) : null;
    if (!pending || !user) throw new SecondFactorNeeded("second_step_expired");
    if (pending.details?.method === "github") method = "github";
    limitName = user.login;
    const wait = await limiter.retryAfterSeconds(address, limitName);
    if (wait > 0) throw new SignInRateLimited(wait);
  } else {
    const username = String(credentials.username ?? "").slice(0, 200);
    const password = String(credentials.password ?? "").slice(0, 1000);
    limitName = username;
    const wait = await limiter.retryAfterSeconds(address, username);
    if (wait > 0) throw new SignInRateLimited(wait);
    await ensureFirstOwner(deps.db, config);
    try {
      user = await authenticatePassword(deps.db, config, username, password);
    } catch (e) {
      // Many attempts at once: the hashes wait their turn (password.ts); this one may retry soon.
      if (e instanceof PasswordCheckBusy) throw new SignInRateLimited(5);
      throw e;
    }
    if (!user) {
      await limiter.recordFailure(address, username);
      await recordAudit(deps.db, {
        actor: { id: "unknown", name: username || "(empty)" },
        address,
        action: "signin.failed",
        details: { method: "password" },
      });
      return null;
    }
  }
  let secondFactor: string | null = null;
  if (user.totpEnabledAt) {
    const proof = { otp: credentials.otp, passkey: parsePasskey(credentials.passkey) };
    if (!hasProof(proof)) {
      // The first factor was right: the page now asks for the second, with this ticket.
      const issued = ticket
        ? { challenge: ticket }
        : await issueChallenge(deps.db, user.id, "second_step", deps.now(), { method });
      throw new SecondFactorNeeded(`${SECOND_STEP_PREFIX}${issued.challenge}`);
    }
    const result = await checkProof(
      deps.db,
      { rp: relyingParty(config.appUrl), authSecret: authSecret(config) },
      user,
      proof,
      deps.now(),
    );
    if (!result.ok) {
      await limiter.recordFailure(address, limitName);
      await recordAudit(deps.db, {
        actor: user,
        address,
        action: "signin.failed",
        details: { method, reason: `second factor: ${result.reason}` },
      });
      throw new SecondFactorNeeded(result.method === "passkey" ? "passkey_wrong" : "otp_wrong");
    }
    secondFactor = result.method;
    if (result.method === "recovery_code")
      await recordAudit(deps.db, {
        actor: user,
        address,
        action: "recovery_code.used",
        subject: user.id,
        details: { for: "signin" },
      });
    if (result.passkey)
      await recordAudit(deps.db, {
        actor: user,
        address,
        action: "passkey.used",
        subject: result.passkey.id,
        details: { for: "signin", name: result.passkey.name },
      });
  }
  // A ticket is good for one sign-in: taken now (a second request with it finds nothing).
  if (ticket && !(await takeChallenge(deps.db, ticket, "second_step", deps.now(), user.id)))
    throw new SecondFactorNeeded("second_step_expired");
  await limiter.recordSuccess(address, limitName);
  await recordAudit(deps.db, {
    actor: user,
    address,
    action: "signin.succeeded",
    details: { method, ...(secondFactor && { secondFactor }) },
  });
  return { id: user.id, name: user.name, sv: user.sessionVersion };
}

/**
 * After GitHub said who it is (next-auth's signIn callback): false when no user has this GitHub
 * account; true when the user has no second factor (signed in now); else the sign-in page's
 * second step, with a ticket, to go to instead (nothing is signed in yet).
 */
export async function afterGitHub(
  deps: SignInDeps,
  config: AppConfig,
  account: { id: string; login: string | null },
  address: string | null,
  callbackPath: string,
): Promise<boolean | string> {
  const user = await userForGitHub(deps.db, config, account);
  if (!user) {
    await recordAudit(deps.db, {
      actor: { id: "unknown", name: account.login ? `github:${account.login}` : "github" },
      address,
      action: "signin.failed",
      details: { method: "github", githubId: account.id },
    });
    return false;
  }
  if (user.totpEnabledAt) {
    const issued = await issueChallenge(deps.db, user.id, "second_step", deps.now(), {
      method: "github",
      githubId: account.id,
    });
    return `/signin?second=${issued.challenge}&callbackUrl=${encodeURIComponent(callbackPath)}`;
  }
  await recordAudit(deps.db, {
    actor: user,
    address,
    action: "signin.succeeded",
    details: { method: "github", githubId: account.id },
  });
  return true;
}
