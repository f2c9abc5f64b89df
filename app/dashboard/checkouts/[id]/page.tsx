// One checkout: its timeline (ours, refunds and Bitfinex's invoice events), the Bitfinex invoices
// behind it and their payments, its refunds, the merchant notifications sent about it, and the
// actions (expire now, mark complete, refund).
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/action-button";
import { ApiForm } from "@/components/dashboard/api-form";
import { CheckoutDetails } from "@/components/dashboard/checkout-details";
import { CopyButton } from "@/components/dashboard/copy-button";
import { LiveCheckout } from "@/components/dashboard/live-checkout";
import { RefundDialog } from "@/components/dashboard/refund-dialog";
import { Card, DeliveryBadge, Field, inputClass, StateBadge, Table } from "@/components/dashboard/ui";
import { roleMay } from "@/lib/auth/access";
import { requireAdmin } from "@/lib/auth/session";
import { stepUpNeeded, stepUpThreshold } from "@/lib/auth/step-up";
import { explorerUrl } from "@/lib/chains/explorers";
import { cryptoString } from "@/lib/checkouts/amounts";
import { findCheckout, findInvoices, findTransitions } from "@/lib/checkouts/repository";
import { canComplete, canExpire, isFinal } from "@/lib/checkouts/state-machine";
import { paymentUrl, statusEtag } from "@/lib/checkouts/merchant-view";
import { isId } from "@/lib/ids";
import { formatFiat } from "@/lib/i18n/format";
import { listEvents } from "@/lib/notifications/queries";
import { getServices } from "@/lib/server/services";
import type { InvoiceEvent } from "@/lib/bitfinex/pay/events";
import { buildTimeline } from "@/lib/dashboard/timeline";
import { effectiveStatus, listRefunds } from "@/lib/refunds/queries";
import { refundOffer } from "@/lib/refunds/summary";
import { listClaims } from "@/lib/refunds/claims";
import { invoiceThatCan } from "@/lib/checkouts/rails";
import { railView } from "@/lib/checkouts/rails/views";

type Props = { params: Promise<{ id: string }> };

/** A transaction id, shortened but copyable whole, linked to a block explorer where one applies (live, on-chain). */
function TxidCell({ txid, url }: { txid: string | null; url: string | null }) {
  if (!txid) return <>—</>;
  const short = txid.length > 20 ? `${txid.slice(0, 10)}…${txid.slice(-8)}` : txid;
  return (
    <span className="inline-flex items-center gap-2" data-testid="txid">
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer" className="underline" title={txid}>
          {short}
          <span className="sr-only"> (view on a block explorer)</span>
        </a>
      ) : (
        <span title={txid}>{short}</span>
      )}
      <CopyButton value={txid} label="Copy txid" />
    </span>
  );
}
const time = (d: Date | null | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function CheckoutPage({ params }: Props) {
  const { id } = await params;
  const session = await requireAdmin(`/dashboard/checkouts/${id}`);
  if (!isId(id, "co")) notFound();
  const { deps, config } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) notFound();
  const [invoices, transitions, events, refunds, claims] = await Promise.all([
    findInvoices(deps.db, id),
    findTransitions(deps.db, id),
    listEvents(deps.db, { checkoutId: id, limit: 50 }),
    listRefunds(deps.db, id),
    listClaims(deps, id),
  ]);
  // An invoice Bitfinex manages (Bitfinex Pay: it keeps events, can be expired and completed).
  const managed = invoiceThatCan(invoices, (r) => r.events !== undefined);
  // Bitfinex's own record of the invoice: one read per view, and the page still renders without it.
  let bitfinexEvents: InvoiceEvent[] = [];
  let eventsUnavailable = false;
  if (managed) {
    try {
      bitfinexEvents = await managed.rail.events!(deps, managed.invoice);
    } catch {
      eventsUnavailable = true;
    }
  }
  const timeline = buildTimeline(row.createdAt, transitions, refunds, bitfinexEvents, claims);
  const now = deps.now();
  // A cashier reads checkouts but never refunds (the API refuses it too, lib/auth/access.ts).
  const offer =
    invoiceThatCan(invoices, (r) => r.refund !== undefined) &&
    roleMay(session.user.role, `/api/dashboard/checkouts/${id}/refunds`, "POST")
      ? refundOffer(row, refunds, now)
      : null;
  // What this user's role may do here (the API routes check the same table).
  const may = (action: string) => roleMay(session.user.role, `/api/dashboard/checkouts/${id}/${action}`, "POST");
  const stepUp = session.user.secondFactor && stepUpNeeded(row.amount, await stepUpThreshold(deps.db));
  // Bitfinex's record of each payment, as the reconciler last read it (no Bitfinex call here).
  const payments = row.payments ?? [];
  const url = paymentUrl(config.appUrl, id);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            Order {row.orderId} <StateBadge state={row.state} />
          </h1>
          <p className="flex flex-wrap items-center gap-3 font-mono text-xs text-zinc-500">
            {row.id} <LiveCheckout id={row.id} etag={statusEtag(row)} final={isFinal(row.state)} />
          </p>
        </div>
        <div className="flex items-start gap-2">
          {offer && !offer.blocked && (
            <RefundDialog
              checkoutId={id}
              orderId={row.orderId}
              asset={offer.asset}
              network={offer.network}
              available={offer.available}
              excess={offer.excess}
              takesMemo={offer.takesMemo}
              stepUp={stepUp}
            />
          )}
          {canExpire(row.state) && roleMay(session.user.role, `/api/dashboard/checkouts/${id}/expire`, "POST") && (
            <ActionButton
              action={`/api/dashboard/checkouts/${id}/expire`}
              label="Expire now"
              confirm={`Expire order ${row.orderId}? The customer will no longer be able to pay it.`}
              tone="danger"
            />
          )}
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Summary">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm [&>dd]:[overflow-wrap:anywhere] [&>dd]:break-words">
            <dt className="text-zinc-500">Amount</dt>
            <dd>{formatFiat(row.amount, row.currency, "en")}</dd>
            <dt className="text-zinc-500">Description</dt>
            <dd>{row.description ?? "—"}</dd>
            <dt className="text-zinc-500">Pay with</dt>
            <dd>
              {row.payCurrency
                ? `${row.payCurrency}: ${cryptoString(row.amountPaid) ?? "0"} of ${cryptoString(row.amountDue)} paid`
                : `not chosen (${row.payCurrencies.join(", ")})`}
            </dd>
            <dt className="text-zinc-500">Created</dt>
            <dd>{time(row.createdAt)} UTC</dd>
            <dt className="text-zinc-500">Expires</dt>
            <dd>{time(row.expiresAt)} UTC</dd>
            <dt className="text-zinc-500">Paid</dt>
            <dd>{time(row.paidAt)}</dd>
            {row.amountRefunded && (
              <>
                <dt className="text-zinc-500">Refunded</dt>
                <dd data-testid="amount-refunded">
                  {cryptoString(row.amountRefunded)} {refunds[0]?.currency ?? row.payCurrency}
                </dd>
              </>
            )}
            <dt className="text-zinc-500">Source</dt>
            <dd>{row.source}</dd>
            <dt className="text-zinc-500">Payment page</dt>
            <dd className="flex items-center gap-2">
              <a href={url} className="truncate underline">
                {url}
              </a>
              <CopyButton value={url} />
            </dd>
          </dl>
        </Card>
        <Card title="Timeline">
          <ol className="space-y-2 text-sm" data-testid="timeline">
            {timeline.map((e, n) => (
              <li key={n} data-source={e.source}>
                <span className="text-zinc-500 tabular-nums">{time(e.at)}</span>{" "}
                {e.source === "checkout" && e.title !== "created" ? <strong>{e.title}</strong> : e.title}
                {e.detail && (
                  <span className="block text-xs [overflow-wrap:anywhere] break-words text-zinc-500">{e.detail}</span>
                )}
              </li>
            ))}
          </ol>
          {eventsUnavailable && (
            <p className="mt-2 text-xs text-zinc-500">
              Bitfinex&apos;s own events for this invoice could not be read just now.
            </p>
          )}
        </Card>
      </div>
      <Card title="Details">
        <CheckoutDetails row={row} />
      </Card>
      <Card title="Bitfinex invoices">
        <Table
          label="Bitfinex invoices"
          head={["Rail", "Bitfinex id", "Status", "Created", "Detail"]}
          empty={invoices.length === 0 ? "None yet: the customer has not chosen how to pay." : undefined}
        >
          {invoices.map((i) => (
            <tr key={i.id}>
              <td className="px-2 py-2">{railView(i.rail).label}</td>
              <td className="px-2 py-2 font-mono text-xs">{i.upstreamId ?? i.status}</td>
              <td className="px-2 py-2">{i.upstreamStatus ?? "—"}</td>
              <td className="px-2 py-2 tabular-nums">{time(i.createdAt)}</td>
              <td className="px-2 py-2 text-xs">{railView(i.rail).dashboardDetail(i)}</td>
            </tr>
          ))}
        </Table>
      </Card>
      {(managed || payments.length > 0) && (
        <Card title="Payments">
          <Table
            label="Payments"
            head={["Txid", "Amount", "Paid to", "Method", "Confirmations", "Status", "Deposit / ledger id", "Note"]}
            empty={payments.length === 0 ? "No payment seen yet." : undefined}
          >
            {payments.map((p, n) => (
              <tr key={`${p.txid}-${n}`}>
                <td className="px-2 py-2 font-mono text-xs">
                  <TxidCell txid={p.txid} url={explorerUrl(config.mode, p.payCurrency, p.txid)} />
                </td>
                <td className="px-2 py-2 font-mono">
                  {cryptoString(p.amount)} {p.currency}
                </td>
                <td className="px-2 py-2">{p.payCurrency ?? "unmatched"}</td>
                <td className="px-2 py-2 font-mono text-xs">{p.method ?? "—"}</td>
                <td className="px-2 py-2 tabular-nums">{p.confirmations ?? "—"}</td>
                <td className="px-2 py-2">{p.status}</td>
                <td className="px-2 py-2 tabular-nums">
                  {p.depositId ?? (p.ledgerId !== null ? `ledger ${p.ledgerId}` : "—")}
                </td>
                <td className="px-2 py-2 text-xs">
                  {[
                    p.forceCompleted && "completed by hand",
                    p.amountDiff && p.amountDiff !== "0" && `differs by ${p.amountDiff}`,
                  ]
                    .filter(Boolean)
                    .join("; ") || "—"}
                </td>
              </tr>
            ))}
          </Table>
          {invoiceThatCan(invoices, (r) => r.complete !== undefined) && canComplete(row.state) && may("complete") && (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer font-medium">
                Mark complete with a deposit Bitfinex did not match…
              </summary>
              <ApiForm
                action={`/api/dashboard/checkouts/${id}/complete`}
                submitLabel="Mark complete"
                confirm={`Mark order ${row.orderId} as paid with this deposit? Bitfinex will link the deposit to the invoice.`}
                className="mt-3 grid max-w-md gap-3"
              >
                <Field label="Currency paid">
                  <select
                    name="payCurrency"
                    className={inputClass}
                    defaultValue={row.payCurrency ?? row.payCurrencies[0]}
                  >
                    {row.payCurrencies.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                </Field>
                <Field label="Bitfinex deposit id">
                  <input name="depositId" inputMode="numeric" className={inputClass} />
                </Field>
              </ApiForm>
            </details>
          )}
        </Card>
      )}
      {refunds.length > 0 && (
        <Card title="Refunds">
          <Table label="Refunds" head={["Created", "Amount", "To", "Status", "Bitfinex refund id"]}>
            {refunds.map((r) => (
              <tr key={r.id}>
                <td className="px-2 py-2 whitespace-nowrap tabular-nums">{time(r.createdAt)}</td>
                <td className="px-2 py-2 font-mono">
                  {cryptoString(r.amount)} {r.currency} <span className="text-xs text-zinc-500">({r.kind})</span>
                </td>
                <td className="max-w-64 min-w-48 px-2 py-2 font-mono text-xs break-all">{r.address}</td>
                <td className="px-2 py-2">
                  {effectiveStatus(r, now)}
                  {r.error && <span className="block text-xs text-zinc-500">{r.error}</span>}
                </td>
                <td className="px-2 py-2 font-mono text-xs">{r.upstreamRefundId ?? "—"}</td>
              </tr>
            ))}
          </Table>
          {refunds
            .filter((r) => effectiveStatus(r, now) === "unknown" && may("refunds"))
            .map((r) => (
              <details key={r.id} className="mt-4 text-sm" open>
                <summary className="cursor-pointer font-medium">
                  Settle the refund of {cryptoString(r.amount)} {r.currency} (outcome unknown)…
                </summary>
                <p className="mt-2 text-zinc-600 dark:text-zinc-400">
                  Bitfinex did not confirm it. Ask Bitfinex first (its movements, for a withdrawal of this amount to
                  this address); if it shows nothing, look at your Bitfinex account&apos;s movements, then say what
                  happened: no new refund can be sent until then.
                </p>
                <div className="mt-2">
                  <ActionButton action={`/api/dashboard/checkouts/${id}/refunds/${r.id}/check`} label="Ask Bitfinex" />
                </div>
                <ApiForm
                  action={`/api/dashboard/checkouts/${id}/refunds/${r.id}/resolve`}
                  submitLabel="Save"
                  className="mt-3 grid max-w-md gap-3"
                >
                  <Field label="What happened">
                    <select name="outcome" className={inputClass} defaultValue="sent">
                      <option value="sent">It was sent</option>
                      <option value="not_sent">It was not sent</option>
                    </select>
                  </Field>
                  <Field
                    label="Bitfinex refund or withdrawal id (if sent)"
                    hint="Bitfinex is told the invoice was refunded with it."
                  >
                    <input name="bitfinexRefundId" className={inputClass} />
                  </Field>
                </ApiForm>
              </details>
            ))}
        </Card>
      )}
      {claims.length > 0 && (
        <Card title="Refund claims">
          <Table label="Refund claims" head={["Offered", "Amount", "Customer's address", "Status", ""]}>
            {claims.map((c) => (
              <tr key={c.id} data-testid="claim-row" data-status={c.status}>
                <td className="px-2 py-2 whitespace-nowrap tabular-nums">{time(new Date(c.createdAt))}</td>
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
                        action={`/api/dashboard/checkouts/${id}/refund-claims/${c.id}/approve`}
                        submitLabel={`Approve: send ${c.amount} ${c.asset}`}
                        confirm={`Send ${c.amount} ${c.asset} on ${c.network} to ${c.address}? A refund cannot be taken back.`}
                        className="flex flex-wrap items-end gap-2"
                      >
                        {stepUp && (
                          <Field label="Code from your authenticator app">
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
                        action={`/api/dashboard/checkouts/${id}/refund-claims/${c.id}/cancel`}
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
      )}
      <Card title="Notifications to your server">
        <Table
          label="Notifications"
          head={["Event", "Status", "Attempts", "Created", "Id"]}
          empty={events.length === 0 ? "No event yet (one is sent on every state change)." : undefined}
        >
          {events.map((e) => (
            <tr key={e.id}>
              <td className="px-2 py-2">{e.type}</td>
              <td className="px-2 py-2">
                <DeliveryBadge
                  status={e.status}
                  lastFailed={e.attempts > 0 && (e.lastError !== null || (e.lastStatus ?? 200) >= 300)}
                />
              </td>
              <td className="px-2 py-2 tabular-nums">{e.attempts}</td>
              <td className="px-2 py-2 tabular-nums">{time(e.createdAt)}</td>
              <td className="px-2 py-2 font-mono text-xs">
                <a href={`/dashboard/webhooks/${e.id}`} className="underline">
                  {e.id}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
