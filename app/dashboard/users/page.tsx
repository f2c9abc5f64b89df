// Users (owners only, lib/auth/access.ts): who may open the dashboard, with which role, by password
// or GitHub. Changing a role or a password, or removing a user, ends their sessions at once.
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { Card, Field, inputClass, Table } from "@/components/dashboard/ui";
import { ROLE_LABELS, ROLES } from "@/lib/auth/access";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers, MIN_PASSWORD_LENGTH, normalizeLogin } from "@/lib/auth/users";
import { getServices } from "@/lib/server/services";
import { stepUpThreshold } from "@/lib/auth/step-up";
import { autoApproveLimit } from "@/lib/refunds/claims";

const time = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

export default async function UsersPage() {
  const session = await requireAdmin("/dashboard/users");
  const { deps, config } = await getServices();
  const [users, stepUpAbove, autoApproveUpTo] = await Promise.all([
    listUsers(deps.db),
    stepUpThreshold(deps.db),
    autoApproveLimit(deps),
  ]);
  const envOwner = normalizeLogin(config.admin.username);
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        An <strong>owner</strong> can do everything. A <strong>cashier</strong> can use the point of sale and read
        checkouts, but cannot refund, see API keys, settings, webhooks, payment links or users. Changing a role or a
        password, or removing a user, signs them out of every device at once.
      </p>
      <Card title="Add a user">
        <ApiForm action="/api/dashboard/users" submitLabel="Add user" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <Field label="Name" name="name">
            <input name="name" className={inputClass} required maxLength={100} autoComplete="off" />
          </Field>
          <Field label="Username" name="login" hint="What they type to sign in.">
            <input name="login" className={inputClass} required maxLength={100} autoComplete="off" />
          </Field>
          <Field label="Role" name="role">
            <select name="role" className={inputClass} defaultValue="cashier">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Email (optional)" name="email">
            <input name="email" type="email" className={inputClass} maxLength={200} autoComplete="off" />
          </Field>
          <Field
            label="Password"
            name="password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Leave empty for a user who signs in with GitHub only.`}
          >
            <input
              name="password"
              type="password"
              className={inputClass}
              minLength={MIN_PASSWORD_LENGTH}
              autoComplete="new-password"
            />
          </Field>
          <Field
            label="GitHub login (optional)"
            name="githubLogin"
            hint={
              config.admin.github
                ? "Their first sign-in with GitHub links this account for good."
                : "Sign in with GitHub is not configured (GITHUB_ID, GITHUB_SECRET)."
            }
          >
            <input name="githubLogin" className={inputClass} maxLength={39} autoComplete="off" />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Refund step-up">
        <ApiForm
          action="/api/dashboard/security"
          method="PUT"
          submitLabel="Save"
          savedMessage="Saved."
          className="flex max-w-xl flex-wrap items-end gap-3"
        >
          <Field
            label="Ask for a fresh code for refunds of checkouts above"
            name="refundStepUpAbove"
            hint="In the checkout's own currency. 0: every refund asks. Users with a second factor enter a new code from their app for each such refund."
          >
            <input
              name="refundStepUpAbove"
              defaultValue={stepUpAbove}
              inputMode="decimal"
              className={inputClass}
              required
            />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Refund claims">
        <ApiForm
          action="/api/dashboard/security"
          method="PUT"
          submitLabel="Save"
          savedMessage="Saved."
          className="flex max-w-xl flex-wrap items-end gap-3"
        >
          <Field
            label="Send refund claims at once when worth at most"
            name="refundClaimAutoApproveUpTo"
            hint="In the checkout's own currency. Empty: off (the default), every claim waits for an owner to approve it. Under the limit, a claim is sent as soon as the customer gives the address."
          >
            <input
              name="refundClaimAutoApproveUpTo"
              defaultValue={autoApproveUpTo ?? ""}
              inputMode="decimal"
              className={inputClass}
            />
          </Field>
        </ApiForm>
      </Card>
      <Card title="Users">
        <Table label="Users" head={["Name", "Username", "Role", "Signs in with", "Second factor", "Added", ""]}>
          {users.map((u) => (
            <tr key={u.id}>
              <td className="px-2 py-2">
                {u.name}
                {u.id === session.user.id && <span className="text-zinc-500"> (you)</span>}
              </td>
              <td className="px-2 py-2 font-mono">{u.login}</td>
              <td className="px-2 py-2">
                <ApiForm
                  action={`/api/dashboard/users/${u.id}`}
                  method="PATCH"
                  submitLabel="Change role"
                  savedMessage="Role saved."
                  className="flex flex-wrap items-end gap-2"
                >
                  <Field label={`Role of ${u.login}`} name="role">
                    <select name="role" className={inputClass} defaultValue={u.role}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </Field>
                </ApiForm>
              </td>
              <td className="px-2 py-2">
                {[
                  u.passwordHash ? "password" : u.login === envOwner ? "password (from the environment)" : null,
                  u.githubLogin ? `GitHub ${u.githubLogin}${u.githubId ? "" : " (not linked yet)"}` : null,
                ]
                  .filter(Boolean)
                  .join(", ") || "—"}
              </td>
              <td className="px-2 py-2">
                {u.totpEnabledAt ? (
                  <span className="inline-flex flex-col gap-1">
                    authenticator app
                    <ActionButton
                      action={`/api/dashboard/users/${u.id}`}
                      method="PATCH"
                      body={{ secondFactor: "off" }}
                      label={`Turn off for ${u.login}`}
                      confirm={`Turn off ${u.name}'s second factor (lost phone and recovery codes)? They are signed out and can set up a new one.`}
                      tone="danger"
                    />
                  </span>
                ) : (
                  "none"
                )}
              </td>
              <td className="px-2 py-2 tabular-nums">{time(u.createdAt)}</td>
              <td className="space-y-2 px-2 py-2 text-right">
                <ApiForm
                  action={`/api/dashboard/users/${u.id}`}
                  method="PATCH"
                  submitLabel="Set password"
                  className="flex flex-wrap items-end justify-end gap-2"
                >
                  <Field label={`New password for ${u.login}`} name="password">
                    <input
                      name="password"
                      type="password"
                      className={inputClass}
                      minLength={MIN_PASSWORD_LENGTH}
                      autoComplete="new-password"
                      required
                    />
                  </Field>
                </ApiForm>
                <ActionButton
                  action={`/api/dashboard/users/${u.id}`}
                  method="DELETE"
                  label={`Remove ${u.login}`}
                  confirm={`Remove ${u.name} (${u.login})? They are signed out at once.`}
                  tone="danger"
                />
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
