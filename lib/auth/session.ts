/**
 * Every dashboard page and dashboard API route checks the session on the server, here; proxy.ts
 * in front is only a first line. Dashboard API mutations must also come from this app's own
 * pages (Origin header, or Sec-Fetch-Site: same-origin), so another site cannot make a signed-in
 * merchant's browser change anything.
 */
import "server-only";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { ApiError } from "../errors/api-error";
import { route } from "../http/route";
import { getServices, type Services } from "../server/services";
import { getAuthOptions } from "./options";

export async function currentSession(): Promise<Session | null> {
  return getServerSession(getAuthOptions());
}

/** For dashboard pages: the session, or off to the sign-in page and back here afterwards. */
export async function requireAdmin(path: string): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return session;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(request: Request, appUrl: string): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(appUrl).origin;
}

type DashboardHandler<C> = (
  request: Request,
  context: C,
  env: { services: Services; session: Session },
) => Promise<Response>;

/** A dashboard API route: 401 without a session, 403 for a cross-site mutation, JSON errors. */
export function dashboardRoute<C = unknown>(handler: DashboardHandler<C>) {
  return route<C>(async (request, context) => {
    const session = await currentSession();
    if (!session) throw new ApiError({ status: 401, code: "unauthorized", message: "Sign in to the dashboard first." });
    const services = await getServices();
    if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request, services.config.appUrl)) {
      throw new ApiError({
        status: 403,
        code: "cross_site_request",
        message: "This request did not come from the dashboard.",
      });
    }
    return handler(request, context, { services, session });
  });
}
