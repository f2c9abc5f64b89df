// GET|POST /api/auth/* — next-auth: sign-in, sign-out, session, CSRF token, OAuth callbacks.
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

// next-auth v4 builds its own URLs from NEXTAUTH_URL; the app's public origin is that.
process.env.NEXTAUTH_URL ??= getConfig().appUrl;

function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
