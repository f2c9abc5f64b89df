/**
 * Every dashboard page and dashboard API route checks the session on the server, here; proxy.ts
 * in front is only a first line. A session is believed only while its user still exists with the
 * session version it was made with (removing a user, or changing their password or role, ends
 * their sessions on the next request), and only for what the user's role may open (access.ts,
 * one table for every page and route). Dashboard API mutations must also come from this app's own
 * pages (Origin header, or Sec-Fetch-Site: same-origin), so another site cannot make a signed-in
 * merchant's browser change anything.
 */
import "server-only";
import { getServerSession, type Session } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAudit, type AuditAction } from "../audit/log";
import { ApiError } from "../errors/api-error";
import { route } from "../http/route";
import { clientAddress } from "../net/client-address";
import { getServices, type Services } from "../server/services";
import { isRole, needsSecondFactor, roleMay, type Role } from "./access";
import { getAuthOptions } from "./options";
import { firstOwnerId } from "./first-owner";
import { ensureFirstOwner, findUserById } from "./users";

export interface DashboardUser {
  id: string;
  name: string;
  login: string;
  role: Role;
  /** Has a second factor (TOTP) enrolled. */
  secondFactor: boolean;
}

export type DashboardSession = Session & { user: DashboardUser };

/** The signed-in user as the database knows them now, or null (no session, user gone, version old). */
export async function currentSession(): Promise<DashboardSession | null> {
  const session = await getServerSession(getAuthOptions());
  const uid = session?.uid;
  if (!session || typeof uid !== "string") return null;
  const { deps, config } = await getServices();
  let user = await findUserById(deps.db, uid);
  // The first owner's row is written on first use, by whichever request needs it first.
  if (!user && uid === firstOwnerId(config.admin.username)) {
    await ensureFirstOwner(deps.db, config);
    user = await findUserById(deps.db, uid);
  }
  if (!user || user.sessionVersion !== session.sv || !isRole(user.role)) return null;
  return {
    ...session,
    user: {
      id: user.id,
      name: user.name,
      login: user.login,
      role: user.role,
      secondFactor: Boolean(user.totpEnabledAt),
    },
  };
}

/**
 * For dashboard pages: the session, or off to the sign-in page and back here afterwards; a page
 * the user's role may not open sends them to the overview, which says so.
 */
export async function requireAdmin(path: string): Promise<DashboardSession> {
  const session = await currentSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!roleMay(session.user.role, path, "PAGE")) {
    const { deps, config } = await getServices();
    await recordAudit(deps.db, {
      actor: session.user,
      address: clientAddress(await headers(), config.trustProxy),
      action: "access.denied",
      subject: path,
      details: { role: session.user.role },
    });
    redirect(`/dashboard?denied=${encodeURIComponent(path)}`);
  }
  return session;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(request: Request, appUrl: string): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(appUrl).origin;
}

/** Records an action of the signed-in user, from the request's address (never throws). */
export type Audit = (
  action: AuditAction,
  subject?: string | null,
  details?: Record<string, unknown> | null,
) => Promise<void>;

type DashboardHandler<C> = (
  request: Request,
  context: C,
  env: { services: Services; session: DashboardSession; address: string; audit: Audit },
) => Promise<Response>;

/**
 * A dashboard API route: 401 without a (current) session, 403 for a cross-site mutation or for a
 * role the access table (access.ts) does not allow this path and method, 403 in live mode for
 * what moves money without a second factor enrolled, JSON errors.
 */
export function dashboardRoute<C = unknown>(handler: DashboardHandler<C>) {
  return route<C>(async (request, context) => {
    const session = await currentSession();
    if (!session) throw new ApiError({ code: "unauthorized", message: "Sign in to the dashboard first." });
    const services = await getServices();
    if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request, services.config.appUrl)) {
      throw new ApiError({
        code: "cross_site_request",
        message: "This request did not come from the dashboard.",
      });
    }
    const address = clientAddress(request.headers, services.config.trustProxy);
    const audit: Audit = async (action, subject = null, details = null) => {
      await recordAudit(
        services.deps.db,
        { actor: session.user, address, action, subject, details },
        services.deps.now(),
      );
    };
    const path = new URL(request.url).pathname;
    if (!roleMay(session.user.role, path, request.method)) {
      await audit("access.denied", `${request.method} ${path}`, { role: session.user.role });
      throw new ApiError({
        code: "role_forbidden",
        message: `A ${session.user.role} may not do this; ask an owner.`,
      });
    }
    if (services.config.mode === "live" && needsSecondFactor(path, request.method) && !session.user.secondFactor) {
      await audit("access.denied", `${request.method} ${path}`, { reason: "no second factor" });
      throw new ApiError({
        code: "second_factor_required",
        message: "In live mode this needs a second factor: set up an authenticator app on your Account page first.",
      });
    }
    return handler(request, context, { services, session, address, audit });
  });
}
