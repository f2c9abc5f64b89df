// The merchant's sign-in page (next-auth's pages.signIn): password, and GitHub when configured.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/dashboard/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { peekChallenge } from "@/lib/auth/challenges";
import { currentSession } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { getConfig } from "@/lib/env";
import { getServices } from "@/lib/server/services";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

// Either may arrive as a list (?error=a&error=b): only a single string is used.
// second: the ticket of a sign-in's second step (a GitHub sign-in whose user has a second factor).
type Props = {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; second?: string | string[] }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, second } = await searchParams;
  // Only a path inside this app, so the sign-in page cannot be used to send someone elsewhere.
  const target = safeCallbackPath(callbackUrl);
  if (await currentSession()) redirect(target);
  const { admin, mode } = getConfig();
  const { deps } = await getServices();
  const someUserHasPassword = (await listUsers(deps.db)).some((u) => u.passwordHash);
  const ticket =
    typeof second === "string" && (await peekChallenge(deps.db, second, "second_step", deps.now())) ? second : null;
  return (
    <main className="mx-auto flex min-h-[80vh] w-full max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">The merchant dashboard of this checkout.</p>
      {mode === "sandbox" && admin.sandboxPassword && (
        <p className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          Sandbox: sign in as <strong>{admin.username}</strong> with the password{" "}
          <strong>{admin.sandboxPassword}</strong>. Set <code>ADMIN_PASSWORD_HASH</code> to choose your own.
        </p>
      )}
      <SignInForm
        callbackUrl={target}
        initialError={
          ticket
            ? "otp_required"
            : typeof second === "string"
              ? "second_step_expired"
              : typeof error === "string"
                ? error
                : null
        }
        initialTicket={ticket}
        passwordEnabled={Boolean(admin.passwordHash || admin.sandboxPassword) || someUserHasPassword}
        github={Boolean(admin.github)}
      />
    </main>
  );
}
