/**
 * In front of every request: security headers, and a first check that dashboard pages have a
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
const PAYMENT_PAGE = /^\/pay\/[^/]+$/;
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

function contentSecurityPolicy(pathname: string): string {
  const ancestors = EMBEDDABLE.test(pathname) ? ["'self'", ...(publishedEmbedOrigins() ?? [])].join(" ") : "'none'";
  return [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts on React pages. The payment page is not one: it runs
    // only its own script file, so no inline script can run there at all.
    PAYMENT_PAGE.test(pathname) ? "script-src 'self'" : `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // The merchant's logo may live on their own https host; QR codes are inline SVG.
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const needsSession = pathname === "/dashboard" || pathname.startsWith("/dashboard/");
  if (needsSession && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const signIn = new URL("/signin", getConfig().appUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    // The redirect carries the same headers as every other answer.
    return withSecurityHeaders(NextResponse.redirect(signIn), pathname, needsSession);
  }
  return withSecurityHeaders(NextResponse.next(), pathname, needsSession);
}

function withSecurityHeaders(response: NextResponse, pathname: string, needsSession: boolean): NextResponse {
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(pathname));
  if (!EMBEDDABLE.test(pathname)) response.headers.set("X-Frame-Options", "DENY");
  // In live mode always (browsers ignore it on plain http, RFC 6797 §8.1, so it costs nothing when
  // TLS ends at a proxy in front), and whenever the public address is https.
  const { mode, appUrl } = getConfig();
  if (mode === "live" || appUrl.startsWith("https://")) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (needsSession || pathname === "/signin") response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  // Everything but Next's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
