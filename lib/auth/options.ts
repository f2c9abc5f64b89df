/**
 * next-auth (v4) for the merchant's dashboard: a username and password from the environment
 * (scrypt hash), GitHub when its OAuth app is configured (only the listed logins get in), JWT
 * sessions in an httpOnly SameSite=Lax cookie, Secure and __Secure- prefixed when the app is
 * served over https, and failed attempts limited per client (sign-in-limiter.ts).
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getConfig, type AppConfig } from "../env";
import { clientAddress } from "../net/client-address";
import { limitStore } from "../server/limit-store";
import { COST, needsRehash, PasswordCheckBusy, sameString, verifyPassword } from "./password";
import { authSecret } from "./secret";
import { SignInLimiter } from "./sign-in-limiter";
import { log } from "../observability/log";

const SESSION_HOURS = 12;
const holder = globalThis as unknown as { __signInLimiter?: Promise<SignInLimiter>; __authOptions?: NextAuthOptions };

/** The process's sign-in limiter, in the shared limit store (made once; retried if that failed). */
function signInLimiter(): Promise<SignInLimiter> {
  if (!holder.__signInLimiter) {
    holder.__signInLimiter = limitStore().then((store) => SignInLimiter.create(store));
    holder.__signInLimiter.catch(() => (holder.__signInLimiter = undefined));
  }
  return holder.__signInLimiter;
}

export async function checkPassword(config: AppConfig, username: string, password: string): Promise<boolean> {
  const admin = config.admin;
  const userOk = sameString(username.trim().toLowerCase(), admin.username.toLowerCase());
  // Work the same whether or not the user exists, so timing does not tell.
  if (admin.passwordHash) return (await verifyPassword(password, admin.passwordHash)) && userOk;
  if (admin.sandboxPassword) return sameString(password, admin.sandboxPassword) && userOk;
  return false;
}

/**
 * GitHub accounts are let in by numeric user id (next-auth's providerAccountId for GitHub): a
 * login can be renamed and then registered by someone else, an id never changes hands.
 */
export function githubAccountAllowed(config: AppConfig, providerAccountId: string | undefined): boolean {
  const id = String(providerAccountId ?? "");
  return /^\d+$/.test(id) && (config.admin.github?.allowedUserIds.includes(id) ?? false);
}

/**
 * The hash lives in the environment, which the app cannot rewrite: after a successful sign-in with
 * a hash made at a lower cost, the log says (once per process) how to make a new one.
 */
export function warnIfOldHash(config: AppConfig, say: (line: string) => void = (l) => log().warn(l)): boolean {
  const hash = config.admin.passwordHash;
  if (!hash || !needsRehash(hash) || warned.has(hash)) return false;
  warned.add(hash);
  say(
    `auth: ADMIN_PASSWORD_HASH was made with scrypt N=${hash.split("$")[1]}, below today's N=${COST.N}. It still works; to upgrade it, run \`npm run --silent hash-password\`, put its output in ADMIN_PASSWORD_HASH and restart.`,
  );
  return true;
}
const warned = new Set<string>();

export class SignInRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited");
  }
}

export function buildAuthOptions(config: AppConfig): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "").slice(0, 200);
        const password = String(credentials?.password ?? "").slice(0, 1000);
        const address = clientAddress(req?.headers, config.trustProxy);
        const limiter = await signInLimiter();
        const wait = await limiter.retryAfterSeconds(address, username);
        // next-auth turns a thrown error's message into ?error=…; the sign-in page explains it.
        if (wait > 0) throw new SignInRateLimited(wait);
        let ok: boolean;
        try {
          ok = await checkPassword(config, username, password);
        } catch (e) {
          // Many attempts at once: the hashes wait their turn (password.ts); this one may retry soon.
          if (e instanceof PasswordCheckBusy) throw new SignInRateLimited(5);
          throw e;
        }
        if (!ok) {
          await limiter.recordFailure(address, username);
          return null;
        }
        warnIfOldHash(config);
        await limiter.recordSuccess(address, username);
        return { id: `admin:${config.admin.username}`, name: config.admin.username };
      },
    }),
  ];
  if (config.admin.github) {
    providers.push(
      GitHubProvider({ clientId: config.admin.github.clientId, clientSecret: config.admin.github.clientSecret }),
    );
  }
  const secure = config.appUrl.startsWith("https://");
  return {
    secret: authSecret(config),
    providers,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    useSecureCookies: secure,
    pages: { signIn: "/signin", error: "/signin" },
    // A stale or forged session cookie is a visitor without a session, not a server error:
    // one line, never a stack trace per request.
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR") log().warn("auth: an invalid session cookie was ignored");
        else log().error(`auth: ${code} ${metadata instanceof Error ? metadata.message : ""}`);
      },
      warn(code) {
        log().warn(`auth: ${code}`);
      },
      debug() {},
    },
    callbacks: {
      async signIn({ account }) {
        if (account?.provider !== "github") return true;
        return githubAccountAllowed(config, account.providerAccountId);
      },
      async redirect({ url, baseUrl }) {
        // Only ever back into this app: no open redirect through callbackUrl.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          /* not a URL */
        }
        return `${baseUrl}/dashboard`;
      },
    },
  };
}

export function getAuthOptions(): NextAuthOptions {
  // next-auth v4 builds its URLs from NEXTAUTH_URL: the app's public origin.
  process.env.NEXTAUTH_URL ??= getConfig().appUrl;
  return (holder.__authOptions ??= buildAuthOptions(getConfig()));
}
