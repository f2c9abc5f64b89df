"use client";
// The signed-in user's passkeys on the Account page: add one (named), see them listed, remove one
// after confirming with a passkey or a code from the authenticator app (the API asks for it too).
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { inputClass } from "./ui";

export interface PasskeyItem {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  synced: boolean;
}

const primary =
  "rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900";
const secondary = "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm disabled:opacity-60 dark:border-zinc-600";

async function call(
  url: string,
  method: string,
  body: unknown,
): Promise<{ ok: boolean; data: Record<string, unknown> | null }> {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  return { ok: Boolean(res?.ok), data: res ? await res.json().catch(() => null) : null };
}

const messageOf = (data: Record<string, unknown> | null, fallback: string) =>
  (data?.error as { message?: string } | undefined)?.message ?? fallback;

const day = (iso: string) => iso.slice(0, 10);
const noSubscription = () => () => {};

export function Passkeys({ passkeys, canAdd }: { passkeys: PasskeyItem[]; canAdd: boolean }) {
  const router = useRouter();
  // null on the server (unknown until the browser says).
  const supported = useSyncExternalStore<boolean | null>(noSubscription, browserSupportsWebAuthn, () => null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PasskeyItem | null>(null);
  const [code, setCode] = useState("");

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const options = await call("/api/dashboard/account/passkeys", "POST", { action: "register-options" });
    if (!options.ok) {
      setBusy(false);
      return setError(messageOf(options.data, "Could not start. Try again."));
    }
    let response: unknown;
    try {
      response = await startRegistration({ optionsJSON: options.data as never });
    } catch (e) {
      setBusy(false);
      return setError(
        e instanceof Error && e.name === "InvalidStateError"
          ? "This passkey is registered already."
          : "The passkey prompt was closed before a passkey was made. Try again.",
      );
    }
    const saved = await call("/api/dashboard/account/passkeys", "POST", {
      action: "register",
      name: name.trim(),
      response,
    });
    setBusy(false);
    if (!saved.ok) return setError(messageOf(saved.data, "Could not save the passkey. Try again."));
    setName("");
    setNotice(`Passkey “${String(saved.data?.name)}” added.`);
    router.refresh();
  }

  async function remove(proof: { otp: string } | { passkey: unknown }) {
    if (!removing) return;
    setBusy(true);
    setError(null);
    const res = await call(`/api/dashboard/account/passkeys/${removing.id}`, "DELETE", proof);
    setBusy(false);
    if (!res.ok) return setError(messageOf(res.data, "Could not remove it. Try again."));
    setNotice(`Passkey “${removing.name}” removed.`);
    setRemoving(null);
    setCode("");
    router.refresh();
  }

  async function removeWithPasskey() {
    setBusy(true);
    setError(null);
    const options = await call("/api/dashboard/account/passkeys", "POST", { action: "auth-options" });
    let answer: unknown = null;
    try {
      if (options.ok && options.data?.options)
        answer = await startAuthentication({ optionsJSON: options.data.options as never });
    } catch {
      answer = null;
    }
    setBusy(false);
    if (!answer) return setError("The passkey did not answer. Try again, or enter a code from your authenticator app.");
    await remove({ passkey: answer });
  }

  return (
    <div className="space-y-4 text-sm">
      {(error || notice) && (
        <p
          role={error ? "alert" : "status"}
          className={error ? "text-red-700 dark:text-red-400" : "text-emerald-800 dark:text-emerald-300"}
        >
          {error ?? notice}
        </p>
      )}
      {passkeys.length > 0 ? (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-700 dark:border-zinc-700">
          {passkeys.map((p) => (
            <li key={p.id} data-testid="passkey" className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium break-all">{p.name}</p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  Added {day(p.createdAt)} · {p.lastUsedAt ? `last used ${day(p.lastUsedAt)}` : "not used yet"}
                  {p.synced ? " · synced" : ""}
                </p>
              </div>
              <button
                type="button"
                className={secondary}
                disabled={busy}
                onClick={() => {
                  setRemoving(p);
                  setError(null);
                  setNotice(null);
                }}
                aria-label={`Remove passkey ${p.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">No passkey yet.</p>
      )}

      {removing && (
        <div
          role="group"
          aria-labelledby="remove-passkey-title"
          className="space-y-3 rounded-lg border border-red-200 p-3 dark:border-red-900"
        >
          <p id="remove-passkey-title" className="font-medium">
            Remove “{removing.name}”? Confirm it is you first.
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={primary} disabled={busy} onClick={removeWithPasskey}>
              Confirm with a passkey
            </button>
            <button type="button" className={secondary} disabled={busy} onClick={() => setRemoving(null)}>
              Cancel
            </button>
          </div>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void remove({ otp: code.trim() });
            }}
          >
            <label className="block font-medium">
              Or a code from your authenticator app
              <input
                name="otp"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="one-time-code"
                inputMode="text"
                required
                className={`${inputClass} font-mono tracking-widest`}
              />
            </label>
            <button type="submit" className={secondary} disabled={busy}>
              Remove with the code
            </button>
          </form>
        </div>
      )}

      {!canAdd ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          Set up an authenticator app above first: it stays your fallback when a passkey is not at hand.
        </p>
      ) : supported === false ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          This browser cannot make passkeys; your authenticator app still works.
        </p>
      ) : (
        <form onSubmit={add} className="flex flex-wrap items-end gap-2">
          <label className="block font-medium">
            Name of the new passkey
            <input
              name="passkey-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="MacBook Touch ID"
              maxLength={60}
              required
              className={inputClass}
            />
          </label>
          <button type="submit" className={primary} disabled={busy || supported === null}>
            {busy && !removing ? "Waiting for the passkey…" : "Add a passkey"}
          </button>
        </form>
      )}
    </div>
  );
}
