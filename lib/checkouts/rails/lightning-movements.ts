/**
 * Lightning read from two sources. Bitfinex documents the LNX invoice-payments answer only by
 * field names and shows no "paid" word, so a Lightning checkout is also confirmed from Bitfinex's
 * documented deposit movements (`/v2/auth/r/movements/LNX/hist`, array rows with STATUS at [9] and
 * AMOUNT at [12]): a COMPLETED deposit of exactly the invoice's BTC amount, made between the
 * invoice's creation and its expiry (with slack for clocks), pays it.
 *
 * A movement names no invoice (where the payment hash would appear is UNCONFIRMED), so the match
 * is by amount and time. It is made rare for two invoices to share an amount (new invoices are
 * made unique to the satoshi among the open ones, `uniqueLightningAmount` in lightning-rail.ts), and where two
 * invoices could still match one deposit, or two deposits one invoice, nothing is guessed: the
 * checkout stays open, the merchant is told (log and timeline), and the reconciler keeps asking.
 * @see https://docs.bitfinex.com/reference/rest-auth-movements
 */
import { and, eq, gt, isNotNull } from "drizzle-orm";
import type { LightningPayment, Movement } from "../../bitfinex/types";
import { checkoutInvoices } from "../../db/schema";
import { Money, toAmountString } from "../../money/decimal";
import type { CheckoutDeps } from "../deps";
import type { Observation } from "../observation";
import type { InvoiceRow } from "../repository";
import { addTimelineNote, noteUnknownLightningStatus } from "../upstream-words";
import { observeLightning } from "./lightning-rail";

/** A deposit may be stamped a little before our row (clock skew) or a little after the expiry (Bitfinex's settling). */
export const MOVEMENT_SLACK_BEFORE_MS = 2 * 60_000;
export const MOVEMENT_SLACK_AFTER_MS = 15 * 60_000;
/** When an invoice row has no expiry (it always should), how long it is taken to be payable. */
const DEFAULT_LIFETIME_MS = 60 * 60_000;

const windowOf = (i: Pick<InvoiceRow, "createdAt" | "expiresAt">) => ({
  from: i.createdAt.getTime() - MOVEMENT_SLACK_BEFORE_MS,
  to: (i.expiresAt?.getTime() ?? i.createdAt.getTime() + DEFAULT_LIFETIME_MS) + MOVEMENT_SLACK_AFTER_MS,
});

const movementAt = (m: Movement) => m.startedAt ?? m.updatedAt;
const sameAmount = (a: string, b: string) => new Money(a).eq(new Money(b));

/** A deposit that has arrived: positive and COMPLETED (the status word of Bitfinex's own movements fixture). */
const completedDeposit = (m: Movement) => m.status.trim().toUpperCase() === "COMPLETED" && new Money(m.amount).gt(0);

export type MovementMatch =
  { kind: "paid"; movement: Movement } | { kind: "none" } | { kind: "ambiguous"; why: string };

/**
 * The movement that pays `invoice`, if exactly one can. `others` are the account's other Lightning
 * invoices of the same amount (any state): if one of them could also own the deposit, it is ambiguous.
 */
export function matchMovement(
  invoice: Pick<InvoiceRow, "id" | "amountBtc" | "createdAt" | "expiresAt">,
  movements: Movement[],
  others: Array<Pick<InvoiceRow, "id" | "amountBtc" | "createdAt" | "expiresAt">>,
): MovementMatch {
  if (!invoice.amountBtc) return { kind: "none" };
  const w = windowOf(invoice);
  const candidates = movements.filter((m) => {
    const at = movementAt(m);
    return completedDeposit(m) && at !== null && at >= w.from && at <= w.to && sameAmount(m.amount, invoice.amountBtc!);
  });
  if (candidates.length === 0) return { kind: "none" };
  if (candidates.length > 1)
    return {
      kind: "ambiguous",
      why: `${candidates.length} deposits of ${invoice.amountBtc} BTC in this invoice's time`,
    };
  const movement = candidates[0]!;
  const at = movementAt(movement)!;
  const rivals = others.filter((o) => {
    if (o.id === invoice.id || !o.amountBtc || !sameAmount(o.amountBtc, invoice.amountBtc!)) return false;
    const ow = windowOf(o);
    return at >= ow.from && at <= ow.to;
  });
  if (rivals.length > 0)
    return {
      kind: "ambiguous",
      why: `the deposit of ${invoice.amountBtc} BTC (movement ${movement.id}) could pay ${rivals.length + 1} invoices of the same amount`,
    };
  return { kind: "paid", movement };
}

/** A settled Lightning payment, as the deposit movement recorded it. */
export function observeLightningMovement(movement: Movement, invoice: InvoiceRow): Observation {
  const amount = toAmountString(new Money(movement.amount));
  return {
    kind: "full",
    payCurrency: "LNX",
    amountDue: invoice.amountBtc ? toAmountString(new Money(invoice.amountBtc)) : null,
    amountPaid: amount,
    confirmations: null,
    requiredConfirmations: null,
    upstreamStatus: `movement ${movement.status}`,
    payments: [
      {
        payCurrency: "LNX",
        txid: movement.txid ?? `movement:${movement.id}`,
        amount,
        currency: "BTC",
        method: "LNX",
        status: movement.status,
        confirmations: null,
        createdAt: movementAt(movement) ? new Date(movementAt(movement)!).toISOString() : null,
        updatedAt: movement.updatedAt ? new Date(movement.updatedAt).toISOString() : null,
        depositId: movement.id,
        ledgerId: null,
        forceCompleted: false,
        amountDiff: null,
      },
    ],
  };
}

/**
 * What to apply for each Lightning invoice, given what invoice-payments said (null: Bitfinex did
 * not know it). Invoices it calls paid or expired are read from it alone; with `movements` (the
 * default) the rest (not paid, an unknown word, not known) are looked for in LNX deposit
 * movements, one movements call for all. The reconciler, which makes one call per tick, reads
 * movements in a turn of its own (`confirmFromMovements`).
 */
export async function observeLightningInvoices(
  deps: CheckoutDeps,
  items: Array<{ invoice: InvoiceRow; payment: LightningPayment | null }>,
  opts: { movements?: boolean } = {},
): Promise<Array<{ invoice: InvoiceRow; observation: Observation | null }>> {
  for (const { invoice, payment } of items)
    if (payment?.state === "unknown") await noteUnknownLightningStatus(deps, invoice.checkoutId, payment.rawStatus);
  const unsure = items
    .filter((i) => i.payment?.state !== "paid" && i.payment?.state !== "expired")
    .map((i) => i.invoice);
  const paidBy = opts.movements === false ? new Map<number, Movement>() : await confirmFromMovements(deps, unsure);
  return items.map(({ invoice, payment }) => {
    const movement = paidBy.get(invoice.id);
    if (movement) return { invoice, observation: observeLightningMovement(movement, invoice) };
    if (payment === null) return { invoice, observation: null };
    return { invoice, observation: observeLightning(payment, invoice) };
  });
}

/**
 * The deposit movement that pays each of `invoices`, where exactly one can (one movements call).
 * Ambiguous cases are written on the checkout's timeline and logged, never guessed.
 */
export async function confirmFromMovements(deps: CheckoutDeps, invoices: InvoiceRow[]): Promise<Map<number, Movement>> {
  const paidBy = new Map<number, Movement>();
  const unsure = invoices.filter((i) => i.amountBtc);
  if (unsure.length === 0) return paidBy;
  const from = Math.min(...unsure.map((i) => windowOf(i).from));
  const movements = await deps.bitfinex.account
    .listMovements({ currency: "LNX", start: from, end: deps.now(), limit: 500 })
    .catch((e: unknown) => {
      // The second source failing leaves the first one's word; the next turn asks again.
      deps.log(`lightning: LNX movements unavailable (${e instanceof Error ? e.message : String(e)})`);
      return [] as Movement[];
    });
  if (!movements.some(completedDeposit)) return paidBy;
  const others = await deps.db
    .select({
      id: checkoutInvoices.id,
      amountBtc: checkoutInvoices.amountBtc,
      createdAt: checkoutInvoices.createdAt,
      expiresAt: checkoutInvoices.expiresAt,
    })
    .from(checkoutInvoices)
    .where(
      and(
        eq(checkoutInvoices.rail, "lightning"),
        isNotNull(checkoutInvoices.amountBtc),
        gt(checkoutInvoices.createdAt, new Date(from - DEFAULT_LIFETIME_MS - MOVEMENT_SLACK_AFTER_MS)),
      ),
    );
  for (const invoice of unsure) {
    const match = matchMovement(invoice, movements, others);
    if (match.kind === "paid") paidBy.set(invoice.id, match.movement);
    else if (match.kind === "ambiguous") await noteAmbiguous(deps, invoice, match.why);
  }
  return paidBy;
}

async function noteAmbiguous(deps: CheckoutDeps, invoice: InvoiceRow, why: string) {
  const reason = `A Lightning deposit was seen but not attributed, to avoid guessing: ${why}. Check the Bitfinex account's LNX deposits.`;
  if (await addTimelineNote(deps, invoice.checkoutId, reason))
    deps.log(`lightning: checkout ${invoice.checkoutId}: ${reason}`);
}
