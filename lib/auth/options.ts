/**
 * next-auth (v4) for the merchant's dashboard: the users of users.ts with a password (scrypt hash;
 * the first owner's from the environment), GitHub when its OAuth app is configured (the allowed
 * ids as the first owner, and users whose GitHub login an owner entered), JWT sessions in an
 * httpOnly SameSite=Lax cookie carrying the user's id and session version (checked against the
 * database on every request, session.ts), Secure and __Secure- prefixed when the app is served
 * over https, and failed attempts limited per client (sign-in-limiter.ts). Every sign-in and
 * failed sign-in goes into the audit log.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { cookies, headers } from "next/headers";
import { getConfig, type AppConfig } from "../env";
import { clientAddress } from "../net/client-address";
import { limitStore } from "../server/limit-store";
import { safeCallbackPath } from "./callback-path";
import { COST, needsRehash, sameString, verifyPassword } from "./password";
import { getServices } from "../server/services";
import { authSecret } from "./secret";
import { afterGitHub, signInWithCredentials } from "./sign-in";
import { userForGitHub } from "./users";
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

export { SecondFactorNeeded, SignInRateLimited } from "./sign-in";

/** next-auth keeps the callback URL whole ("https://shop.example/dashboard/x"): its path when it is this app's. */
export function callbackPathOf(url: string, appUrl: string): string | undefined {
  try {
    const parsed = new URL(url, appUrl);
    return parsed.origin === new URL(appUrl).origin ? `${parsed.pathname}${parsed.search}` : undefined;
  } catch {
    return undefined;
  }
}

export function buildAuthOptions(config: AppConfig): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Password",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
        otp: { label: "Code", type: "text" },
        passkey: { label: "Passkey", type: "text" },
        ticket: { label: "Second step", type: "text" },
      },
      async authorize(credentials, req) {
        const address = clientAddress(req?.headers, config.trustProxy);
        const { deps } = await getServices();
        const user = await signInWithCredentials(deps, config, await signInLimiter(), credentials ?? {}, address);
        if (user && !credentials?.ticket) warnIfOldHash(config);
        return user;
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
      async signIn({ account, profile }) {
        if (account?.provider !== "github") return true;
        const { deps } = await getServices();
        const login = (profile as { login?: unknown } | undefined)?.login;
        let address: string | null = null;
        let callbackPath = "/dashboard";
        try {
          address = clientAddress(await headers(), config.trustProxy);
          const jar = await cookies();
          const cookie = jar.get(`${secure ? "__Secure-" : ""}next-auth.callback-url`)?.value;
          callbackPath = safeCallbackPath(cookie ? callbackPathOf(cookie, config.appUrl) : undefined);
        } catch {
          /* outside a request */
        }
        // A user with a second factor is not signed in yet: the sign-in page asks for it (sign-in.ts).
        return afterGitHub(
          deps,
          config,
          { id: String(account.providerAccountId ?? ""), login: typeof login === "string" ? login : null },
          address,
          callbackPath,
        );
      },
      async jwt({ token, user, account, profile }) {
        if (!user) return token;
        if (account?.provider === "github") {
          const { deps } = await getServices();
          const login = (profile as { login?: unknown } | undefined)?.login;
          const found = await userForGitHub(deps.db, config, {
            id: String(account.providerAccountId ?? ""),
            login: typeof login === "string" ? login : null,
          });
          if (!found) return { ...token, uid: undefined, sv: undefined };
          return { ...token, name: found.name, uid: found.id, sv: found.sessionVersion };
        }
        return { ...token, uid: user.id, sv: user.sv };
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
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
