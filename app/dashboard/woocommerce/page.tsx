// WooCommerce: Bitfinex Pay's own plugin pointed at this app. Keys (made and revoked here), the
// values to paste into the plugin's settings, what each setting does, and the orders it sent.
import Link from "next/link";
import { ActionButton } from "@/components/dashboard/action-button";
import { NewPluginKeyForm } from "@/components/dashboard/new-plugin-key-form";
import { Card, Table } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { listBfxKeys, pluginUrls } from "@/lib/bfx-pay/keys";
import { pluginOrders } from "@/lib/bfx-pay/orders";
import { fiatString } from "@/lib/checkouts/amounts";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

const time = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "—");

export default async function WooCommercePage() {
  await requireAdmin("/dashboard/woocommerce");
  const { deps, config } = await getServices();
  const [keys, orders] = await Promise.all([listBfxKeys(deps.db), pluginOrders(deps.db)]);
  const urls = pluginUrls(config.appUrl);
  const settings: Array<[string, string]> = [
    ["Api url", `${urls.apiUrl} (instead of https://api.bitfinex.com/). Keep the slash at the end.`],
    [
      "Redirect url",
      `${urls.redirectUrl} (instead of https://pay.bitfinex.com/gateway/order/): customers land on this app's payment page.`,
    ],
    ["Api key / Api secret", "A plugin key made below. It can create checkouts and read its own, nothing else."],
    [
      "Pay currencies",
      "What customers may pay with. MATIC and MATICM are not offered here and are left out; an order is refused only when none of the chosen ones is offered.",
    ],
    ["Duration", "How long an order can be paid, in seconds: 300 to 86400 here (values outside are brought inside)."],
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">WooCommerce</h1>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Shops that use Bitfinex Pay&apos;s own plugin (&quot;Bitfinex Pay for WooCommerce&quot;) switch to this checkout
        by changing its settings, not their code. WordPress then holds only a plugin key of this app; your Bitfinex key
        stays on this server.
      </p>
      <Card title="Plugin settings">
        <dl className="grid gap-2 text-sm">
          {settings.map(([name, what]) => (
            <div key={name} className="grid gap-1 sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium">{name}</dt>
              <dd className="break-words text-zinc-700 dark:text-zinc-300">{what}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="New plugin key">
        <NewPluginKeyForm />
      </Card>
      <Card title="Plugin keys">
        <Table
          label="Plugin keys"
          head={["Name", "Api key", "Created", "Last used", ""]}
          empty={keys.length === 0 ? "No plugin key yet." : undefined}
        >
          {keys.map((k) => (
            <tr key={k.id}>
              <td className="px-2 py-2">{k.name}</td>
              <td className="px-2 py-2 font-mono break-all">{k.apiKey}</td>
              <td className="px-2 py-2 tabular-nums">{time(k.createdAt)}</td>
              <td className="px-2 py-2 tabular-nums">{time(k.lastUsedAt)}</td>
              <td className="px-2 py-2 text-right">
                {k.revokedAt ? (
                  <span className="text-zinc-500">revoked {time(k.revokedAt)}</span>
                ) : (
                  <ActionButton
                    action={`/api/dashboard/bfx-pay-keys/${k.id}`}
                    method="DELETE"
                    label="Revoke"
                    confirm={`Revoke "${k.name}"? The shop's orders through it will be refused at once.`}
                    tone="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Orders from the plugin">
        <Table
          label="Orders from the plugin"
          head={["Order", "Amount", "State", "Plugin sees", "Key", "Created"]}
          empty={orders.length === 0 ? "No order from the plugin yet." : undefined}
        >
          {orders.map((o) => (
            <tr key={o.id}>
              <td className="px-2 py-2">
                <Link href={`/dashboard/checkouts/${o.id}`} className="underline">
                  #{o.orderId}
                </Link>
              </td>
              <td className="px-2 py-2 tabular-nums">
                {fiatString(o.amount, o.currency)} {o.currency}
              </td>
              <td className="px-2 py-2">{o.state}</td>
              <td className="px-2 py-2 font-mono">{o.pluginStatus}</td>
              <td className="px-2 py-2">{o.keyName}</td>
              <td className="px-2 py-2 tabular-nums">{time(o.createdAt)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
