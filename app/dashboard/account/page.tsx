// Your account (every role): who you are signed in as, and your second factor (TOTP, and passkeys
// as the better one where the browser has them).
import { Passkeys } from "@/components/dashboard/passkeys";
import { TotpEnrolment } from "@/components/dashboard/totp-enrolment";
import { Card } from "@/components/dashboard/ui";
import { ROLE_LABELS } from "@/lib/auth/access";
import { listPasskeys } from "@/lib/auth/passkeys";
import { requireAdmin } from "@/lib/auth/session";
import { findUserById } from "@/lib/auth/users";
import { getServices } from "@/lib/server/services";

export default async function AccountPage() {
  const session = await requireAdmin("/dashboard/account");
  const { deps, config } = await getServices();
  const user = await findUserById(deps.db, session.user.id);
  const enrolledAt = user?.totpEnabledAt ?? null;
  const keys = await listPasskeys(deps.db, session.user.id);
  return (
    <>
      <h1 className="text-2xl font-semibold">Your account</h1>
      <Card title="Signed in">
        <p className="text-sm">
          {session.user.name} (<span className="font-mono">{session.user.login}</span>),{" "}
          {ROLE_LABELS[session.user.role].toLowerCase()}.
        </p>
      </Card>
      <Card title="Second factor">
        <p className="mb-3 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          {enrolledAt
            ? `On since ${enrolledAt.toISOString().slice(0, 10)}: signing in asks for a code from your authenticator app, and so does each refund above the owner's threshold. ${user?.recoveryCodes?.length ?? 0} recovery codes left.`
            : config.mode === "live"
              ? "Off. In live mode, refunds, API keys, the webhook endpoint, settings and users cannot be changed without it."
              : "Off. Set it up before going live: in live mode, refunds, API keys, the webhook endpoint, settings and users need it."}
        </p>
        <TotpEnrolment enrolled={Boolean(enrolledAt)} />
      </Card>
      <Card title="Passkeys">
        <p className="mb-3 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A passkey (your fingerprint, face or PIN on this device, or a security key) is the better second factor: it
          cannot be typed into a fake page. Where you have one, signing in and refunds above the threshold ask for it
          first; your authenticator app and recovery codes stay the fallback.
        </p>
        <Passkeys
          canAdd={Boolean(enrolledAt)}
          passkeys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            synced: k.deviceType === "multiDevice",
          }))}
        />
      </Card>
    </>
  );
}
