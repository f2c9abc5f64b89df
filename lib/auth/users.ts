/**
 * Dashboard users (the `users` table). The owner named by ADMIN_USERNAME is written on first use
 * (ensureFirstOwner), with no password hash of its own: until an owner gives it one, its password
 * is the environment's (ADMIN_PASSWORD_HASH, or `sandbox` in sandbox mode), so existing setups keep
 * signing in as before. Passwords are scrypt hashes (password.ts). A change of password or role, or
 * removal, ends the user's sessions at once: sessions carry session_version (session.ts).
 */
import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/connect";
import { users } from "../db/schema";
import type { AppConfig } from "../env";
import { ApiError } from "../errors/api-error";
import { newId } from "../ids";
import type { Role } from "./access";
import { firstOwnerId } from "./first-owner";
import { hashPassword, sameString, verifyPassword } from "./password";

export type UserRow = typeof users.$inferSelect;

export const normalizeLogin = (login: string) => login.trim().toLowerCase();

/** The environment's admin as the first owner, written once (several instances may race: one wins). */
export async function ensureFirstOwner(db: Db, config: AppConfig): Promise<void> {
  const login = normalizeLogin(config.admin.username);
  await db
    .insert(users)
    .values({ id: firstOwnerId(config.admin.username), name: config.admin.username, login, role: "owner" })
    .onConflictDoNothing({ target: users.login });
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function findUserByLogin(db: Db, login: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.login, normalizeLogin(login)))
    .limit(1);
  return row ?? null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.createdAt), asc(users.login));
}

let dummyHash: Promise<string> | null = null;

/**
 * The user this login and password belong to, or null. Takes one scrypt hash whether or not the
 * login exists, so timing does not tell which logins exist.
 */
export async function authenticatePassword(
  db: Db,
  config: AppConfig,
  login: string,
  password: string,
): Promise<UserRow | null> {
  const user = await findUserByLogin(db, login);
  if (user?.passwordHash) return (await verifyPassword(password, user.passwordHash)) ? user : null;
  const envOwner = user && user.login === normalizeLogin(config.admin.username);
  if (config.admin.passwordHash) {
    const ok = await verifyPassword(password, config.admin.passwordHash);
    return ok && envOwner ? user : null;
  }
  if (config.admin.sandboxPassword && envOwner) return sameString(password, config.admin.sandboxPassword) ? user : null;
  dummyHash ??= hashPassword("not a password");
  await verifyPassword(password, await dummyHash);
  return null;
}

/**
 * The user a GitHub account signs in as: the first owner for an id in GITHUB_ALLOWED_USER_IDS; else
 * the user whose GitHub login the owner entered. A login can be renamed and registered by someone
 * else, so the first sign-in pins the account's numeric id and later ones must match it.
 */
export async function userForGitHub(
  db: Db,
  config: AppConfig,
  account: { id: string; login: string | null },
): Promise<UserRow | null> {
  if (!/^\d+$/.test(account.id)) return null;
  if (config.admin.github?.allowedUserIds.includes(account.id)) {
    await ensureFirstOwner(db, config);
    return findUserByLogin(db, config.admin.username);
  }
  const [byId] = await db.select().from(users).where(eq(users.githubId, account.id)).limit(1);
  if (byId) return byId;
  if (!account.login) return null;
  const [pinned] = await db
    .update(users)
    .set({ githubId: account.id })
    .where(and(eq(users.githubLogin, normalizeLogin(account.login)), sql`${users.githubId} is null`))
    .returning();
  return pinned ?? null;
}

const LOGIN_RE = /^[a-z0-9][a-z0-9._@-]{0,99}$/;
const GITHUB_LOGIN_RE = /^[a-z0-9](?:[a-z0-9-]{0,38})$/;
export const MIN_PASSWORD_LENGTH = 12;

function invalid(field: string, message: string): ApiError {
  return new ApiError({
    code: "invalid_field",
    message: `${field}: ${message}`,
    field,
    problems: [{ field, message }],
  });
}

export interface NewUser {
  name: string;
  login: string;
  email?: string | null;
  githubLogin?: string | null;
  password?: string | null;
  role: Role;
}

function checkPasswordRule(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid("password", `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1000) throw invalid("password", "must be at most 1000 characters");
}

export async function addUser(db: Db, input: NewUser): Promise<UserRow> {
  const login = normalizeLogin(input.login);
  if (!LOGIN_RE.test(login))
    throw invalid("login", "must be letters, digits, . _ @ or -, starting with a letter or digit");
  const githubLogin = input.githubLogin ? normalizeLogin(input.githubLogin) : null;
  if (githubLogin && !GITHUB_LOGIN_RE.test(githubLogin)) throw invalid("githubLogin", "is not a GitHub login");
  if (!input.password && !githubLogin) throw invalid("password", "is required when no GitHub login is given");
  if (input.password) checkPasswordRule(input.password);
  if (await findUserByLogin(db, login)) throw invalid("login", "is taken by another user");
  if (githubLogin) {
    const [other] = await db.select({ id: users.id }).from(users).where(eq(users.githubLogin, githubLogin)).limit(1);
    if (other) throw invalid("githubLogin", "is linked to another user");
  }
  const [row] = await db
    .insert(users)
    .values({
      id: newId("usr"),
      name: input.name,
      login,
      email: input.email || null,
      githubLogin,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      role: input.role,
    })
    .returning();
  return row!;
}

async function otherOwners(db: Db, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "owner"), ne(users.id, id)));
  return Number(row?.n ?? 0);
}

const lastOwner = () =>
  new ApiError({
    code: "last_owner",
    message: "This is the last owner: make another user owner first, so someone can still manage the dashboard.",
  });

/** Removes a user; their sessions stop working on their next request. Never the last owner. */
export async function removeUser(db: Db, id: string): Promise<UserRow | null> {
  const user = await findUserById(db, id);
  if (!user) return null;
  if (user.role === "owner" && (await otherOwners(db, id)) === 0) throw lastOwner();
  const [gone] = await db.delete(users).where(eq(users.id, id)).returning();
  return gone ?? null;
}

/** Changes a role and ends the user's sessions (their next request signs them in again). */
export async function changeRole(db: Db, id: string, role: Role): Promise<{ from: Role; to: Role } | null> {
  const user = await findUserById(db, id);
  if (!user) return null;
  if (user.role === role) return { from: role, to: role };
  if (user.role === "owner" && (await otherOwners(db, id)) === 0) throw lastOwner();
  await db
    .update(users)
    .set({ role, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
  return { from: user.role, to: role };
}

/** Sets a new password and ends every session of that user at once. */
export async function setPassword(db: Db, id: string, password: string): Promise<boolean> {
  checkPasswordRule(password);
  const hash = await hashPassword(password);
  const rows = await db
    .update(users)
    .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return rows.length > 0;
}
