/**
 * Sending a refund: a money movement, so it is written down before Bitfinex is called and can
 * never be sent twice.
 *
 * 1. With an Idempotency-Key, a refund already asked with that key is answered as it stands
 *    (nothing is sent again, whatever its status).
 * 2. In one transaction, with the checkout row locked: the amount is worked out against what was
 *    paid and what is already refunded or in flight, and the refund row is inserted as `sending`.
 *    The partial unique index (one `sending`/`unknown` refund per checkout) stops a second request,
 *    a second instance or a retry after a crash from getting this far while one is in flight.
 * 3. Bitfinex is called once, never retried by the transport.
 *    - accepted: the row becomes `sent`, the checkout's amountRefunded grows, and `checkout.refunded`
 *      is written to the outbox, all in one transaction;
 *    - refused (Bitfinex certainly did nothing): `failed`, and a new refund may be asked. This
 *      includes a request that could not leave within REFUND_SEND_WITHIN_MS (a backlog in the
 *      transport's queue): it is abandoned and dropped from the queue, so it can never follow the
 *      merchant's next attempt out (lib/bitfinex/transport.ts, `sendWithinMs`);
 *    - no answer (timeout, network, unreadable): `unknown`. It keeps blocking new refunds until the
 *      merchant, having looked at Bitfinex, says whether it went out (lib/refunds/resolve.ts).
 *    A crash before the answer leaves `sending`, which reads as `unknown` after STALE_SENDING_MS.
 */
import { and, eq, inArray } from "drizzle-orm";
import { isBitfinexError, type BitfinexError } from "../bitfinex/errors";
import type { CheckoutDeps } from "../checkouts/deps";
import type { CheckoutRow } from "../checkouts/repository";
import { addRefunded, findInvoices } from "../checkouts/repository";
import { isValidAddress, type ChainFormat } from "../chains/addresses";
import { PAY_CURRENCIES, payCurrency, type PayCurrency } from "../currencies/pay-currencies";
import { idempotent, isUniqueViolation, type EarlierUse } from "../db/idempotency";
import { checkoutRefunds, checkouts } from "../db/schema";
import { ApiError, parseInput, notFound } from "../errors/api-error";
import { newId } from "../ids";
import { Money, toAmountString } from "../money/decimal";
import { writeRefundEvent } from "../checkouts/outbox";
import { outboxWritten } from "../db/outbox-signal";
import { refundAmount } from "./amounts";
import { refundInputSchema, type RefundInput } from "./input";
import { effectiveStatus, type RefundRow } from "./queries";
import { invoiceThatCan } from "../checkouts/rails";
import { canRefund } from "../checkouts/state-machine";

export interface RefundOptions {
  requestedBy: string;
  idempotency?: { scope: string; key: string; request: unknown };
}

export interface RefundResult {
  refund: RefundRow;
  replayed: boolean;
}

/** Bitfinex's refusals we can say in words (the raw text never leaves the server). */
const REFUSALS: Array<[RegExp, string]> = [
  [/ADDRESS/, "Bitfinex did not accept the address."],
  [/AMOUNT/, "Bitfinex did not accept the amount (more than it holds for this invoice, or below its minimum)."],
  [/CURRENCY/, "Bitfinex cannot refund in this currency."],
  [/NOT_FOUND/, "Bitfinex does not know this invoice."],
];

/** A refund asked with this key before: the refund row carries the key and its request's hash. */
async function findByKey(deps: CheckoutDeps, scope: string, key: string): Promise<EarlierUse<RefundRow> | null> {
  const [row] = await deps.db
    .select()
    .from(checkoutRefunds)
    .where(and(eq(checkoutRefunds.idempotencyScope, scope), eq(checkoutRefunds.idempotencyKey, key)))
    .limit(1);
  return row ? { requestHash: row.requestHash, answer: row } : null;
}

const inProgress = () =>
  new ApiError({
    code: "refund_in_progress",
    message: "A refund of this checkout is in flight or its outcome is unknown; settle it before sending another.",
  });

export async function requestRefund(
  deps: CheckoutDeps,
  checkoutId: string,
  body: unknown,
  options: RefundOptions,
): Promise<RefundResult> {
  const input = parseInput(refundInputSchema, body);
  const idem = options.idempotency;
  // A refund already asked with this key is answered as it stands (whatever its status); the key's
  // hash covers the checkout, so the same key on another checkout is a different request.
  const { value, replayed } = await idempotent(
    idem && { ...idem, request: { checkoutId, request: idem.request } },
    (scope, key) => findByKey(deps, scope, key),
    (hash) => send(deps, checkoutId, input, options.requestedBy, idem, hash),
  );
  return { refund: value, replayed };
}

async function send(
  deps: CheckoutDeps,
  checkoutId: string,
  input: RefundInput,
  requestedBy: string,
  idem: RefundOptions["idempotency"],
  hash: string | null,
): Promise<RefundRow> {
  // Only a rail with a refund call can refund (Bitfinex Pay; Lightning deposits have none).
  const refundable = invoiceThatCan(await findInvoices(deps.db, checkoutId), (r) => r.refund !== undefined);
  const inserted = await deps.db
    .transaction(async (tx) => {
      const [row] = await tx.select().from(checkouts).where(eq(checkouts.id, checkoutId)).for("update");
      if (!row) throw notFound("This checkout");
      const target = refundTarget(row, input.currency, input.address, input.paymentId, deps.mode);
      if (!refundable)
        throw new ApiError({
          code: "not_refundable",
          message:
            "Only a checkout paid through a Bitfinex Pay invoice can be refunded here (Lightning deposits have no refund call).",
        });
      const others = await tx
        .select()
        .from(checkoutRefunds)
        .where(
          and(
            eq(checkoutRefunds.checkoutId, checkoutId),
            inArray(checkoutRefunds.status, ["sending", "sent", "unknown"]),
          ),
        );
      if (others.some((r) => r.status !== "sent")) {
        throw inProgress();
      }
      const committed = others.reduce((sum, r) => sum.add(r.amount), new Money(0));
      const { amount, kind } = refundAmount(
        { paid: row.amountPaid!, due: row.amountDue, committed: toAmountString(committed), decimals: target.decimals },
        input.amount,
      );
      const now = new Date(deps.now());
      const [created] = await tx
        .insert(checkoutRefunds)
        .values({
          id: newId("re"),
          checkoutId,
          status: "sending",
          amount,
          currency: target.asset,
          payCurrency: row.payCurrency!,
          kind,
          address: input.address,
          paymentId: input.paymentId ?? null,
          requestedBy,
          idempotencyScope: idem?.scope ?? null,
          idempotencyKey: idem?.key ?? null,
          requestHash: hash,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return created!;
    })
    .catch((e: unknown) => {
      // A unique index: another refund of this checkout is in flight (the partial index), or one with
      // this key got in first (then `idempotent` answers it: the violation stays the cause).
      if (isUniqueViolation(e)) throw Object.assign(inProgress(), { cause: e });
      throw e;
    });

  try {
    const receipt = await refundable!.rail.refund!(deps, refundable!.invoice, {
      ccy: inserted.currency,
      amount: inserted.amount,
      address: inserted.address,
      ...(inserted.paymentId && { paymentId: inserted.paymentId }),
    });
    return await markSent(deps, inserted, receipt.refundId);
  } catch (e) {
    if (!isBitfinexError(e)) throw e;
    deps.log(`refund ${inserted.id}: ${e.toLogLine()}`);
    if (e.certainlyNotProcessed) {
      const message = refusalMessage(e);
      await settle(deps, inserted.id, "failed", message);
      throw new ApiError({
        status: e.kind === "invalid_request" ? 422 : 503,
        code: "refund_refused",
        message: `${message} Nothing was sent.`,
        problems: [],
        extra: { refundId: inserted.id, reason: e.kind },
      });
    }
    await settle(
      deps,
      inserted.id,
      "unknown",
      e.kind === "malformed"
        ? `Bitfinex answered with something this app does not recognise as a completed refund (${e.upstreamMessage ?? "unreadable"}); check your Bitfinex account before sending it again.`
        : "Bitfinex did not confirm the refund; check your Bitfinex account before sending it again.",
    );
    throw new ApiError({
      code: "refund_outcome_unknown",
      message:
        "Bitfinex did not confirm the refund, so it may or may not have been sent. It is recorded as of unknown outcome: check your Bitfinex account, then mark it sent or not sent.",
      problems: [],
      extra: { refundId: inserted.id },
    });
  }
}

function refusalMessage(e: BitfinexError): string {
  if (e.kind !== "invalid_request") return e.message;
  return REFUSALS.find(([re]) => re.test(e.upstreamMessage ?? ""))?.[1] ?? "Bitfinex did not accept this refund.";
}

/**
 * The refund's `ccy`: the currency of the payment as Bitfinex reported it (`payment.currency`),
 * never our own table's guess. The refund call has no network field (bfx-api-node-rest 6.0.0:
 * "currency to be refunded"), so where that currency names more than one network among Bitfinex's
 * pay currencies (USDt is "UST" on Ethereum, Tron, Polygon, TON and Liquid alike) Bitfinex cannot
 * be told which network to send on: the automatic refund is refused, with how to do it on Bitfinex.
 */
function reportedRefundCurrency(row: CheckoutRow, info: PayCurrency): string {
  const payments = row.payments ?? [];
  const payment = payments.find((p) => p.payCurrency === row.payCurrency) ?? payments[0];
  const ccy = payment?.currency?.trim();
  if (!ccy)
    throw new ApiError({
      code: "not_refundable",
      message: "Bitfinex did not say which currency this payment arrived in, so it cannot be refunded here.",
    });
  const networks = [...PAY_CURRENCIES.values()].filter(
    (p) => p.format !== "lightning" && (p.symbol.includes("-") ? p.asset : p.symbol) === ccy,
  );
  if (networks.length > 1)
    throw new ApiError({
      code: "not_refundable",
      message:
        `Bitfinex names this payment's currency "${ccy}", which it uses on several networks ` +
        `(${networks.map((n) => n.networkName).join(", ")}), and its refund call has no network field, so this app ` +
        `will not guess. Refund it from your Bitfinex account instead: Withdraw → ${info.assetName} → ${info.networkName}, ` +
        `to the customer's ${info.networkName} address.`,
    });
  return ccy;
}

/**
 * What a refund of this checkout goes back in, or the reason it cannot be refunded here at all
 * (state, Lightning, a currency Bitfinex names on several networks). Also used before a refund is
 * offered as a claim (lib/refunds/claims.ts), so a customer is never sent a link that cannot pay.
 */
export function refundableAsset(row: CheckoutRow): { info: PayCurrency & { format: ChainFormat }; ccy: string } {
  if (!canRefund(row.state)) {
    throw new ApiError({
      code: "not_refundable",
      message: `This checkout is ${row.state.replace("_", " ")}; only a paid (or paid late) checkout can be refunded.`,
    });
  }
  const info = row.payCurrency ? payCurrency(row.payCurrency) : undefined;
  if (!info || !row.amountPaid)
    throw new ApiError({
      code: "not_refundable",
      message: "Bitfinex did not say which currency this checkout was paid in, so it cannot be refunded here.",
    });
  if (info.format === "lightning")
    throw new ApiError({
      code: "not_refundable",
      message: "A Lightning payment cannot be refunded to an address.",
    });
  return { info: { ...info, format: info.format }, ccy: reportedRefundCurrency(row, info) };
}

/** The currency and chain the money goes back on: the ones the customer paid with. */
function refundTarget(
  row: CheckoutRow,
  currency: string | undefined,
  address: string,
  paymentId: string | undefined,
  mode: CheckoutDeps["mode"],
) {
  const { info, ccy } = refundableAsset(row);
  if (currency !== undefined && currency !== info.asset && currency !== info.symbol) {
    throw new ApiError({
      code: "invalid_field",
      message: `currency: the customer paid in ${info.asset} (${info.symbol}); a refund goes back in that currency`,
      field: "currency",
      problems: [{ field: "currency", message: `must be ${info.asset}` }],
    });
  }
  // Live money goes to main-network addresses only; the sandbox also takes test-network ones.
  if (!isValidAddress(info.format, address, mode === "live" ? { testnet: false } : {})) {
    throw new ApiError({
      code: "invalid_field",
      message: `address: not a valid ${info.networkName} address`,
      field: "address",
      problems: [{ field: "address", message: `not a valid ${info.networkName} address` }],
    });
  }
  if (paymentId !== undefined && paymentId !== "" && info.format !== "ton") {
    throw new ApiError({
      code: "invalid_field",
      message: `paymentId: ${info.networkName} addresses take no tag or memo`,
      field: "paymentId",
      problems: [{ field: "paymentId", message: "only for chains with a tag or memo" }],
    });
  }
  return { asset: ccy, decimals: info.decimals };
}

/** Records a refund Bitfinex accepted: the row, the checkout's total and the merchant event, together. */
export async function markSent(
  deps: CheckoutDeps,
  refund: RefundRow,
  upstreamRefundId: string | null,
): Promise<RefundRow> {
  const at = new Date(deps.now());
  const sent = await addRefunded(
    deps.db,
    at,
    async (tx) => {
      const [row] = await tx
        .update(checkoutRefunds)
        .set({ status: "sent", upstreamRefundId, error: null, updatedAt: at })
        .where(and(eq(checkoutRefunds.id, refund.id), inArray(checkoutRefunds.status, ["sending", "unknown"])))
        .returning();
      if (!row) throw new ApiError({ code: "refund_settled", message: "This refund was already settled." });
      return { checkoutId: row.checkoutId, amount: row.amount, result: row };
    },
    (tx, checkout, row) => writeRefundEvent(tx, checkout, refundEventBody(row), at, deps),
  );
  outboxWritten();
  return sent;
}

async function settle(deps: CheckoutDeps, id: string, status: "failed" | "unknown", error: string) {
  await deps.db
    .update(checkoutRefunds)
    .set({ status, error, updatedAt: new Date(deps.now()) })
    .where(eq(checkoutRefunds.id, id));
}

function refundEventBody(r: RefundRow) {
  return {
    id: r.id,
    amount: toAmountString(new Money(r.amount)),
    currency: r.currency,
    payCurrency: r.payCurrency,
    kind: r.kind,
    address: r.address,
    bitfinexRefundId: r.upstreamRefundId,
  };
}

export { effectiveStatus };
