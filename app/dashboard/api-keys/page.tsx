// Merchant API keys: create (shown once), list, revoke.
import { ActionButton } from "@/components/dashboard/action-button";
import { NewKeyForm } from "@/components/dashboard/new-key-form";
import { Card, Table } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { API_KEY_SCOPES } from "@/lib/api-scopes";
import { listApiKeys } from "@/lib/merchant/api-keys";
import { getServices } from "@/lib/server/services";

const scopeText = (k: { scopes: readonly string[]; legacy: boolean }) =>
  k.legacy ? "all (made before scopes)" : k.scopes.join(", ");

const time = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "—");

export default async function ApiKeysPage() {
  await requireAdmin("/dashboard/api-keys");
  const { deps, config } = await getServices();
  const keys = await listApiKeys(deps.db);
  return (
    <>
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your backend sends <code>Authorization: Bearer sk_…</code> to <code>/api/v1/…</code> (see docs/api.md).
        {config.merchantApiKey &&
          ` A key is also set by MERCHANT_API_KEY in the environment, ${
            config.merchantApiKeyScopes.length === API_KEY_SCOPES.length
              ? "with every scope (MERCHANT_API_KEY_SCOPES unset or all)"
              : `with the scopes ${config.merchantApiKeyScopes.join(", ")} (MERCHANT_API_KEY_SCOPES)`
          }.`}
      </p>
      <Card title="New key">
        <NewKeyForm />
      </Card>
      <Card title="Keys">
        <Table
          label="API keys"
          head={["Name", "Starts with", "Scopes", "Created", "Last used", ""]}
          empty={keys.length === 0 ? "No key yet." : undefined}
        >
          {keys.map((k) => (
            <tr key={k.id}>
              <td className="px-2 py-2">{k.name}</td>
              <td className="px-2 py-2 font-mono">{k.prefix}…</td>
              <td className="px-2 py-2 font-mono text-xs">{scopeText(k)}</td>
              <td className="px-2 py-2 tabular-nums">{time(k.createdAt)}</td>
              <td className="px-2 py-2 tabular-nums">{time(k.lastUsedAt)}</td>
              <td className="px-2 py-2 text-right">
                {k.revokedAt ? (
                  <span className="text-zinc-500">revoked {time(k.revokedAt)}</span>
                ) : (
                  <ActionButton
                    action={`/api/dashboard/api-keys/${k.id}`}
                    method="DELETE"
                    label="Revoke"
                    confirm={`Revoke "${k.name}"? Requests using it will be refused at once.`}
                    tone="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
