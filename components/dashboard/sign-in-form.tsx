"use client";
// Username and password through next-auth's credentials provider (its CSRF token included by
// signIn), with a clear message for a wrong password, too many attempts, or a refused GitHub login.
// A user with a second factor then gets a second step (lib/auth/sign-in.ts), after a password or
// after GitHub alike: their passkey where they have one and the browser can use it, else (or
// instead) a code from the authenticator app or a recovery code, sent with the step's ticket.
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  rate_limited: "Too many failed attempts. Please wait a few minutes and try again.",
  AccessDenied: "This GitHub account is not allowed into this dashboard.",
  otp_required: "Enter the 6-digit code from your authenticator app (or one of your recovery codes).",
  otp_wrong: "That code is wrong or was already used. Enter the code your app shows now.",
  passkey_wrong: "That passkey did not work. Try again, or enter a code from your authenticator app.",
  passkey_cancelled: "The passkey prompt was closed. Try again, or enter a code from your authenticator app.",
  second_step_expired: "This sign-in took too long or is finished. Please sign in again.",
  default: "Could not sign in. Please try again.",
};

/** The sentence for an error code from the URL; own keys only, so ?error=constructor is just "default". */
const messageFor = (code: string) => (Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : MESSAGES.default!);

const SECOND_STEP = "second_step:";
type PasskeyOptions = Parameters<typeof startAuthentication>[0]["optionsJSON"];

export function SignInForm({
  callbackUrl,
  initialError,
  initialTicket = null,
  passwordEnabled,
  github,
}: {
  callbackUrl: string;
  initialError: string | null;
  /** A second step's ticket from a GitHub sign-in whose user has a second factor. */
  initialTicket?: string | null;
  passwordEnabled: boolean;
  github: boolean;
}) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [busy, setBusy] = useState(false);
  // The second step: set once the server says the first factor was right and a second is needed.
  const [ticket, setTicket] = useState<string | null>(initialTicket);
  // This user's passkey prompt (null: no passkey, or the browser has no WebAuthn); undefined while asking.
  const [passkey, setPasskey] = useState<PasskeyOptions | null | undefined>(undefined);

  async function loadPasskey(forTicket: string): Promise<PasskeyOptions | null> {
    if (!browserSupportsWebAuthn()) return null;
    const res = await fetch("/api/signin/passkey", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ticket: forTicket }),
    }).catch(() => null);
    const body = res?.ok ? await res.json().catch(() => null) : null;
    return (body?.options as PasskeyOptions | null) ?? null;
  }

  useEffect(() => {
    if (!ticket) return;
    let live = true;
    loadPasskey(ticket).then((options) => {
      if (!live) return;
      setPasskey(options);
      // The passkey is offered first; the code is the fallback, not an error.
      if (options) setError((e) => (e === messageFor("otp_required") ? null : e));
    });
    return () => {
      live = false;
    };
  }, [ticket]);

  async function finish(fields: Record<string, string>) {
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { ...fields, redirect: false, callbackUrl });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(false);
    const code = result?.error ?? "default";
    if (code.startsWith(SECOND_STEP)) {
      setTicket(code.slice(SECOND_STEP.length));
      setError(messageFor("otp_required"));
      return;
    }
    if (code === "second_step_expired") setTicket(null);
    setError(messageFor(code));
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (ticket) return finish({ ticket, otp: String(form.get("otp") ?? "") });
    return finish({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
  }

  async function usePasskey() {
    if (!ticket || !passkey) return;
    setBusy(true);
    setError(null);
    let answer: unknown;
    try {
      answer = await startAuthentication({ optionsJSON: passkey });
    } catch {
      setBusy(false);
      setError(messageFor("passkey_cancelled"));
      setPasskey(await loadPasskey(ticket));
      return;
    }
    await finish({ ticket, passkey: JSON.stringify(answer) });
    // A challenge is good once: a new one for another try.
    setPasskey(await loadPasskey(ticket));
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
      {ticket ? (
        <div className="space-y-4">
          <h2 className="text-lg font-semibold">Second step</h2>
          {passkey && (
            <div className="space-y-2">
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Confirm it is you with your passkey (a fingerprint, your face, a PIN or a security key).
              </p>
              <button
                type="button"
                onClick={usePasskey}
                disabled={busy}
                className="w-full rounded-lg bg-zinc-900 px-4 py-2.5 font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
              >
                {busy ? "Waiting for your passkey…" : "Use your passkey"}
              </button>
              <p className="pt-2 text-sm text-zinc-600 dark:text-zinc-400">
                Or enter a code from your authenticator app, or one of your recovery codes:
              </p>
            </div>
          )}
          <form onSubmit={submit} className="space-y-3">
            <label className="block text-sm font-medium">
              Authentication code
              <input
                name="otp"
                autoComplete="one-time-code"
                inputMode="text"
                autoFocus={passkey === null}
                required
                className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono tracking-widest dark:border-zinc-600 dark:bg-zinc-900"
              />
            </label>
            <button
              type="submit"
              disabled={busy}
              className={
                passkey
                  ? "w-full rounded-lg border border-zinc-300 px-4 py-2.5 font-semibold disabled:opacity-60 dark:border-zinc-600"
                  : "w-full rounded-lg bg-zinc-900 px-4 py-2.5 font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
              }
            >
              {busy && !passkey ? "Signing in…" : "Sign in"}
            </button>
          </form>
        </div>
      ) : passwordEnabled ? (
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
      {github && !ticket && (
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
