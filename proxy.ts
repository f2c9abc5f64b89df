/**
 * In front of every request: security headers (a Content-Security-Policy with a fresh script nonce
 * per request), and a first check that dashboard pages have a
 * session cookie (each page and dashboard API route checks the session itself on the server).
 *
 * Framing: the payment pages (/pay, /l, /s) may be framed by this app and by the origins the
 * merchant allowed in the dashboard's settings (CSP frame-ancestors), for the embed overlay;
 * every other page may not be framed at all.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "./lib/env";
import { publishedEmbedOrigins } from "./lib/settings/embed-origins";

const EMBEDDABLE = /^\/(pay|l)\/|^\/s$/;
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Scripts run only with this request's nonce, or when loaded by a script that has it
 * ('strict-dynamic'), as Next documents: Next puts the nonce it finds in the request's CSP on its
 * own inline bootstrap and script tags, and chunks are loaded by those. No inline script without
 * the nonce can run, on any page.
 */
function contentSecurityPolicy(
  pathname: string,
  nonce: string,
  development = process.env.NODE_ENV === "development",
  formTarget: string | null = null,
): string {
  const ancestors = EMBEDDABLE.test(pathname) ? ["'self'", ...(publishedEmbedOrigins() ?? [])].join(" ") : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // The merchant's logo may live on their own https host; QR codes are inline SVG.
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTarget ? ` ${formTarget}` : ""}`,
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

/**
 * The Greenfield key approval (lib/greenfield/authorize.ts) ends in a form POST of the new key to
 * the plugin's `redirect`: on that one path, its origin (http or https only) may be a form target.
 */
function greenfieldRedirectOrigin(pathname: string, url: URL): string | null {
  if (pathname !== "/greenfield/api-keys/authorize") return null;
  try {
    const target = new URL(url.searchParams.get("redirect") ?? "");
    return target.protocol === "https:" || target.protocol === "http:" ? target.origin : null;
  } catch {
    return null;
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(pathname, nonce, undefined, greenfieldRedirectOrigin(pathname, request.nextUrl));
  const needsSession = pathname === "/dashboard" || pathname.startsWith("/dashboard/");
  if (needsSession && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const signIn = new URL("/signin", getConfig().appUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    // The redirect carries the same headers as every other answer.
    return withSecurityHeaders(NextResponse.redirect(signIn), csp, pathname, needsSession);
  }
  // Next reads the nonce from the request's own CSP header while rendering.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  headers.set("x-nonce", nonce);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp, pathname, needsSession);
}

function withSecurityHeaders(
  response: NextResponse,
  csp: string,
  pathname: string,
  needsSession: boolean,
): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  if (!EMBEDDABLE.test(pathname)) response.headers.set("X-Frame-Options", "DENY");
  // In live mode always (browsers ignore it on plain http, RFC 6797 §8.1, so it costs nothing when
  // TLS ends at a proxy in front), and whenever the public address is https.
  const { mode, appUrl } = getConfig();
  if (mode === "live" || appUrl.startsWith("https://"))
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (needsSession || pathname === "/signin") response.headers.set("Cache-Control", "no-store");
  // A refund claim link's token is its only key: never cached, never sent on as a Referer.
  if (pathname.startsWith("/refund/")) {
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("Referrer-Policy", "no-referrer");
  }
  return response;
}

export const config = {
  // Everything but Next's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
