// One checkout: its timeline (ours, refunds and Bitfinex's invoice events), the Bitfinex invoices
// behind it and their payments, its refunds, the merchant notifications sent about it, and the
// actions (expire now, mark complete, refund). Data from lib/pages/dashboard-checkout.ts; Bitfinex's
// events stream in on their own (TimelineCard), so the page renders at once however slow Bitfinex is.
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/action-button";
import { CheckoutDetails } from "@/components/dashboard/checkout-details";
import { ClaimsCard } from "@/components/dashboard/checkout/claims-card";
import { InvoicesCard } from "@/components/dashboard/checkout/invoices-card";
import { NotificationsCard } from "@/components/dashboard/checkout/notifications-card";
import { PaymentsCard } from "@/components/dashboard/checkout/payments-card";
import { RefundsCard } from "@/components/dashboard/checkout/refunds-card";
import { SummaryCard } from "@/components/dashboard/checkout/summary-card";
import { TimelineCard } from "@/components/dashboard/checkout/timeline-card";
import { LiveCheckout } from "@/components/dashboard/live-checkout";
import { RefundDialog } from "@/components/dashboard/refund-dialog";
import { Card, StateBadge } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { statusEtag } from "@/lib/checkouts/merchant-view";
import { canExpire, isFinal } from "@/lib/checkouts/state-machine";
import { loadDashboardCheckout } from "@/lib/pages/dashboard-checkout";

type Props = { params: Promise<{ id: string }> };

export default async function CheckoutPage({ params }: Props) {
  const { id } = await params;
  const session = await requireAdmin(`/dashboard/checkouts/${id}`);
  const data = await loadDashboardCheckout(id, session.user.role, session.user.secondFactor, session.user.id);
  if (!data) notFound();
  const { row, offer, stepUp, stepUpByPasskey, may } = data;
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
              passkey={stepUpByPasskey}
            />
          )}
          {canExpire(row.state) && may("expire") && (
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
        <SummaryCard data={data} />
        <TimelineCard data={data} />
      </div>
      <Card title="Details">
        <CheckoutDetails row={row} />
      </Card>
      <InvoicesCard invoices={data.invoices} />
      <PaymentsCard data={data} />
      <RefundsCard data={data} />
      <ClaimsCard data={data} />
      <NotificationsCard notifications={data.notifications} />
    </>
  );
}
