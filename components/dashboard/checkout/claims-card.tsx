// Refunds offered as claim links: the customer gives the address, the merchant approves or withdraws.
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { Card, Field, inputClass, Table } from "@/components/dashboard/ui";
import type { DashboardCheckout } from "@/lib/pages/dashboard-checkout";
import { time } from "./time";

export function ClaimsCard({
  data,
}: {
  data: Pick<DashboardCheckout, "row" | "claims" | "pluginNames" | "stepUp" | "stepUpByPasskey" | "may">;
}) {
  const { row, claims, pluginNames, stepUp, stepUpByPasskey, may } = data;
  if (claims.length === 0) return null;
  const base = `/api/dashboard/checkouts/${row.id}/refund-claims`;
  return (
    <Card title="Refund claims">
      <Table label="Refund claims" head={["Offered", "Amount", "Customer's address", "Status", ""]}>
        {claims.map((c) => (
          <tr key={c.id} data-testid="claim-row" data-status={c.status}>
            <td className="px-2 py-2 whitespace-nowrap tabular-nums">
              {time(new Date(c.createdAt))}
              {pluginNames.has(c.id) && (
                <span className="block max-w-56 text-xs whitespace-normal text-zinc-500">
                  by a BTCPay plugin: “{pluginNames.get(c.id)}”{c.status === "claimed" && " — waits for your approval"}
                </span>
              )}
            </td>
            <td className="px-2 py-2 font-mono">
              {c.amount} {c.asset} <span className="text-xs text-zinc-500">on {c.network}</span>
            </td>
            <td className="max-w-64 min-w-48 px-2 py-2 font-mono text-xs break-all">
              {c.address ?? "—"}
              {c.paymentId && ` (memo ${c.paymentId})`}
            </td>
            <td className="px-2 py-2">
              {c.status}
              {c.status === "offered" && (
                <span className="block text-xs text-zinc-500">until {time(new Date(c.expiresAt))}</span>
              )}
              {c.error && <span className="block text-xs text-zinc-500">{c.error}</span>}
            </td>
            <td className="px-2 py-2">
              <div className="flex flex-wrap items-start gap-2">
                {c.status === "claimed" && may(`refund-claims/${c.id}/approve`) && (
                  <ApiForm
                    action={`${base}/${c.id}/approve`}
                    submitLabel={`Approve: send ${c.amount} ${c.asset}`}
                    confirm={`Send ${c.amount} ${c.asset} on ${c.network} to ${c.address}? A refund cannot be taken back.`}
                    className="flex flex-wrap items-end gap-2"
                    passkeyStepUp={stepUpByPasskey}
                  >
                    {stepUp && (
                      <Field
                        label={
                          stepUpByPasskey
                            ? "Code from your authenticator app (empty: your passkey confirms it)"
                            : "Code from your authenticator app"
                        }
                      >
                        <input
                          name="otp"
                          inputMode="numeric"
                          autoComplete="one-time-code"
                          className={`${inputClass} font-mono`}
                        />
                      </Field>
                    )}
                  </ApiForm>
                )}
                {(c.status === "offered" || c.status === "claimed") && may(`refund-claims/${c.id}/cancel`) && (
                  <ActionButton
                    action={`${base}/${c.id}/cancel`}
                    label="Withdraw"
                    confirm="Withdraw this refund claim? Its link stops working."
                  />
                )}
              </div>
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
