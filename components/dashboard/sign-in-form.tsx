"use client";
// Username and password through next-auth's credentials provider (its CSRF token included by
// signIn), with a clear message for a wrong password, too many attempts, or a refused GitHub login.
import { signIn } from "next-auth/react";
import { useState } from "react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  rate_limited: "Too many failed attempts. Please wait a few minutes and try again.",
  AccessDenied: "This GitHub account is not allowed into this dashboard.",
  otp_required: "Enter the 6-digit code from your authenticator app (or one of your recovery codes).",
  otp_wrong: "That code is wrong or was already used. Enter the code your app shows now.",
  default: "Could not sign in. Please try again.",
};

/** The sentence for an error code from the URL; own keys only, so ?error=constructor is just "default". */
const messageFor = (code: string) => (Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : MESSAGES.default!);

export function SignInForm({
  callbackUrl,
  initialError,
  passwordEnabled,
  github,
}: {
  callbackUrl: string;
  initialError: string | null;
  passwordEnabled: boolean;
  github: boolean;
}) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [busy, setBusy] = useState(false);
  // Shown once the server says this user has a second factor (the password was right).
  const [askCode, setAskCode] = useState(initialError === "otp_required" || initialError === "otp_wrong");

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      otp: String(form.get("otp") ?? ""),
      redirect: false,
      callbackUrl,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(false);
    if (result?.error === "otp_required" || result?.error === "otp_wrong") setAskCode(true);
    setError(messageFor(result?.error ?? "default"));
  }

  return (
    <div className="space-y-4">
      {error && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
      {passwordEnabled ? (
        <form onSubmit={submit} className="space-y-3">
          <label className="block text-sm font-medium">
            Username
            <input
              name="username"
              autoComplete="username"
              required
              className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
            />
          </label>
          <label className="block text-sm font-medium">
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
            />
          </label>
          {askCode && (
            <label className="block text-sm font-medium">
              Authentication code
              <input
                name="otp"
                autoComplete="one-time-code"
                inputMode="text"
                autoFocus
                required
                className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono tracking-widest dark:border-zinc-600 dark:bg-zinc-900"
              />
            </label>
          )}
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded-lg bg-zinc-900 px-4 py-2.5 font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
          >
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Password sign-in is off: set <code>ADMIN_PASSWORD_HASH</code> (from <code>npm run hash-password</code>).
        </p>
      )}
      {github && (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl })}
          className="w-full rounded-lg border border-zinc-300 px-4 py-2.5 font-semibold dark:border-zinc-600"
        >
          Sign in with GitHub
        </button>
      )}
    </div>
  );
}
