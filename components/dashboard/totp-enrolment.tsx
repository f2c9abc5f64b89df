"use client";
// Setting up the second factor: a QR code (and the secret to type) for an authenticator app, a
// code from it to prove it works, then the ten recovery codes shown this once.
import { QRCodeSVG } from "qrcode.react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass } from "./ui";

async function post(body: unknown): Promise<{ ok: boolean; data: Record<string, unknown> | null }> {
  const res = await fetch("/api/dashboard/account/totp", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  return { ok: Boolean(res?.ok), data: res ? await res.json().catch(() => null) : null };
}

export function TotpEnrolment({ enrolled }: { enrolled: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<{ uri: string; secret: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    const { ok, data } = await post({ action: "start" });
    setBusy(false);
    if (!ok) return setError((data?.error as { message?: string })?.message ?? "Could not start. Try again.");
    setPending(data as { uri: string; secret: string });
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { ok, data } = await post({ action: "confirm", code });
    setBusy(false);
    if (!ok) return setError((data?.error as { message?: string })?.message ?? "Could not check the code. Try again.");
    setPending(null);
    setCodes(data?.recoveryCodes as string[]);
    router.refresh();
  }

  if (codes) {
    return (
      <div
        role="status"
        className="space-y-2 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
      >
        <p className="font-medium">
          Your authenticator app is set up. Keep these recovery codes somewhere safe: each works once, in place of a
          code, if you lose your phone. They will not be shown again.
        </p>
        <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono sm:grid-cols-5">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </div>
    );
  }

  if (pending) {
    return (
      <form onSubmit={confirm} className="space-y-3 text-sm">
        <p>Scan this with your authenticator app (or type the key below), then enter the code it shows.</p>
        <div className="inline-block rounded-lg bg-white p-3">
          <QRCodeSVG value={pending.uri} size={176} role="img" aria-label="QR code for your authenticator app" />
        </div>
        <p>
          Key:{" "}
          <code data-testid="totp-secret" className="font-mono break-all">
            {pending.secret}
          </code>
        </p>
        <label className="block max-w-xs font-medium">
          Code from the app
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            className={`${inputClass} font-mono tracking-widest`}
            aria-invalid={error ? true : undefined}
          />
        </label>
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-zinc-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
        >
          Turn on
        </button>
      </form>
    );
  }

  return (
    <div className="space-y-2 text-sm">
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={start}
        disabled={busy}
        className="rounded-lg bg-zinc-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-white dark:text-zinc-900"
      >
        {enrolled ? "Move to a new authenticator app" : "Set up an authenticator app"}
      </button>
    </div>
  );
}
