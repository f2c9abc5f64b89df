/**
 * The outbox write: which state changes become merchant events, and the event's JSON body. It is
 * called inside the transaction that changes the checkout, so an event exists exactly when the
 * change committed (no event for a change that lost its compare-and-set, no change without its
 * event, whatever crashes when). The body is built here, once, so every delivery and every
 * resend of an event sends the same content.
 */
import { asc, eq } from "drizzle-orm";
import type { PayAddress } from "../bitfinex/types";
import type { CheckoutRow, InvoiceRow } from "../db/schema";
import type { CheckoutState } from "./state-machine";
import { merchantView } from "./merchant-view";
import type { Db } from "../db/connect";
import type { Mode } from "../env";
import {
  bfxPayInvoices,
  checkoutInvoices,
  greenfieldInvoices,
  greenfieldWebhooks,
  notificationEvents,
  type NotificationEventType,
  type NotificationPayload,
} from "../db/schema";
import { newId } from "../ids";
import { greenfieldEventsFor } from "./greenfield-events";
import { invoiceEntries as entriesOf } from "./rails/views";

export const CHECKOUT_EVENT_TYPES = [
  "checkout.pending",
  "checkout.paid",
  "checkout.underpaid",
  "checkout.expired",
  "checkout.paid_late",
  "checkout.refunded",
] as const;
export const EVENT_TYPES: readonly NotificationEventType[] = [...CHECKOUT_EVENT_TYPES, "test.ping"];

/** The event a move into `state` produces; null for states nobody is told about (there is none today but the initial one). */
export function eventTypeFor(state: CheckoutState): NotificationEventType | null {
  switch (state) {
    case "confirming":
      return "checkout.pending";
    case "paid":
      return "checkout.paid";
    case "underpaid":
      return "checkout.underpaid";
    case "expired":
      return "checkout.expired";
    case "paid_late":
      return "checkout.paid_late";
    case "awaiting_payment":
      return null;
  }
}

/**
 * `checkout.refunded`: money went back to the customer. Not a state change (a refunded checkout
 * stays paid), so it is written by lib/refunds in the transaction that records the refund as sent,
 * with the refund in the body beside the checkout as it now stands.
 */
export async function writeRefundEvent(
  tx: Db,
  row: CheckoutRow,
  refund: Record<string, unknown>,
  at: Date,
  { appUrl, mode }: { appUrl: string; mode: Mode },
): Promise<void> {
  const invoices = await tx
    .select()
    .from(checkoutInvoices)
    .where(eq(checkoutInvoices.checkoutId, row.id))
    .orderBy(asc(checkoutInvoices.id));
  const id = newId("evt");
  const payload = buildPayload(
    id,
    "checkout.refunded",
    at,
    { checkout: merchantView(row, invoices, appUrl), refund },
    mode,
  );
  await tx
    .insert(notificationEvents)
    .values({ id, checkoutId: row.id, type: "checkout.refunded", createdAt: at, nextAttemptAt: at, payload });
}

/** `livemode` tells the merchant's backend whether the event is about real money: sandbox events are not. */
export function buildPayload(
  id: string,
  type: NotificationEventType,
  at: Date,
  data: Record<string, unknown>,
  mode: Mode,
): NotificationPayload {
  return { id, type, livemode: mode === "live", created: at.toISOString(), data };
}

/**
 * Inserts one event per state step taken, in step order (so their sequence numbers follow the
 * order of the moves). `tx` must be the transaction that applied the change; `row` is the
 * checkout as that transaction left it. Returns how many events were written.
 */
export async function writeCheckoutEvents(
  tx: Db,
  row: CheckoutRow,
  steps: CheckoutState[],
  at: Date,
  { appUrl, mode }: { appUrl: string; mode: Mode },
  from?: CheckoutState,
): Promise<number> {
  const greenfield = from === undefined ? 0 : await writeGreenfieldEvents(tx, row, from, steps, at, mode);
  const types = steps
    .map((s) => [s, eventTypeFor(s)] as const)
    .filter((x): x is [CheckoutState, NotificationEventType] => x[1] !== null);
  if (types.length === 0) return greenfield;
  const invoices = await tx
    .select()
    .from(checkoutInvoices)
    .where(eq(checkoutInvoices.checkoutId, row.id))
    .orderBy(asc(checkoutInvoices.id));
  const view = merchantView(row, invoices, appUrl);
  const values = types.map(([state, type]) => {
    const id = newId("evt");
    // Each event shows the state it announces: when one change passes through two states
    // (expired, then paid_late), the first event must not already say "paid_late".
    return {
      id,
      checkoutId: row.id,
      type,
      createdAt: at,
      nextAttemptAt: at,
      payload: buildPayload(id, type, at, { checkout: { ...view, state } }, mode),
    };
  });
  // One insert per event, so each takes its sequence number after the one before.
  for (const value of values) await tx.insert(notificationEvents).values(value);
  return greenfield + values.length + (await writePluginEvent(tx, row, values, invoices, mode));
}

/**
 * The checkout's upstream invoice entries in Bitfinex Pay's shape (one per pay currency; a
 * Lightning-rail invoice as Bitfinex writes an LNX entry): what lib/bfx-pay answers as `invoices`.
 */
export function invoiceEntries(invoices: InvoiceRow[]): PayAddress[] {
  return entriesOf(invoices);
}

/**
 * A checkout made by Bitfinex Pay's WooCommerce plugin (lib/bfx-pay) also tells the plugin's own
 * webhook, as Bitfinex does: once, when the checkout is paid or expired (a paid-late checkout
 * stays EXPIRED for the plugin). Its own channel, so a merchant endpoint that is missing or
 * failing never holds it back; the deliverer sends it unsigned in Bitfinex's body format.
 */
async function writePluginEvent(
  tx: Db,
  row: CheckoutRow,
  written: Array<{ type: NotificationEventType; createdAt: Date; payload: NotificationPayload }>,
  invoices: InvoiceRow[],
  mode: Mode,
): Promise<number> {
  if (row.source !== "bfx_plugin") return 0;
  const event = written.find((v) => v.type === "checkout.paid" || v.type === "checkout.expired");
  if (!event) return 0;
  const [link] = await tx
    .select({ webhook: bfxPayInvoices.webhook })
    .from(bfxPayInvoices)
    .where(eq(bfxPayInvoices.checkoutId, row.id))
    .limit(1);
  if (!link?.webhook) return 0;
  const id = newId("evt");
  await tx.insert(notificationEvents).values({
    id,
    checkoutId: row.id,
    type: event.type,
    createdAt: event.createdAt,
    nextAttemptAt: event.createdAt,
    channel: "bfx_plugin",
    destination: link.webhook,
    payload: buildPayload(
      id,
      event.type,
      event.createdAt,
      { ...event.payload.data, entries: invoiceEntries(invoices) },
      mode,
    ),
  });
  return 1;
}

/**
 * BTCPay Greenfield webhooks (lib/greenfield): each event the steps make (greenfield-events.ts),
 * once per enabled webhook that subscribed to it, on the "greenfield" channel to the webhook's URL.
 * The payload keeps what the body needs; the deliverer writes the body (with the event id as
 * `deliveryId`) and signs it with the webhook's secret.
 */
async function writeGreenfieldEvents(
  tx: Db,
  row: CheckoutRow,
  from: CheckoutState,
  steps: CheckoutState[],
  at: Date,
  mode: Mode,
): Promise<number> {
  const hooks = await tx.select().from(greenfieldWebhooks).where(eq(greenfieldWebhooks.enabled, true));
  if (hooks.length === 0) return 0;
  const [gf] = await tx
    .select({ metadata: greenfieldInvoices.metadata, markedInvalidAt: greenfieldInvoices.markedInvalidAt })
    .from(greenfieldInvoices)
    .where(eq(greenfieldInvoices.checkoutId, row.id))
    .limit(1);
  const metadata = gf?.metadata ?? { orderId: row.orderId, ...(row.metadata ?? {}) };
  let written = 0;
  for (const event of greenfieldEventsFor(from, steps, row, gf?.markedInvalidAt != null)) {
    const type = eventTypeFor(event.step);
    if (!type) continue;
    for (const hook of hooks) {
      if (!hook.everything && !hook.specificEvents.includes(event.type)) continue;
      const id = newId("evt");
      await tx.insert(notificationEvents).values({
        id,
        checkoutId: row.id,
        type,
        createdAt: at,
        nextAttemptAt: at,
        channel: "greenfield",
        destination: hook.url,
        payload: buildPayload(
          id,
          type,
          at,
          { webhookId: hook.id, greenfield: { type: event.type, invoiceId: row.id, metadata, extras: event.extras } },
          mode,
        ),
      });
      written++;
    }
  }
  return written;
}
