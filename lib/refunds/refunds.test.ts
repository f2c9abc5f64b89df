/**
 * Refunds end to end against the sandbox, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
 * amounts (full, excess, part), address checks, idempotency, one refund in flight, a lost answer
 * left as "unknown" and never resent, the outbox event and the checkout's total.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { eq } from "drizzle-orm";
import { findCheckout } from "../checkouts/repository";
import { startPayment } from "../checkouts/start-payment";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { checkoutRefunds, notificationEvents } from "../db/schema";
import { ApiError } from "../errors/api-error";
import { money } from "../money/decimal";
import { waitFor } from "../../test/support/sandbox-harness";
import { listRefunds } from "./queries";
import { refundPayInvoice, type RefundInput } from "../bitfinex/pay/refunds";
import type { BitfinexTransport } from "../bitfinex/transport";
import { requestRefund } from "./request";
import { checkRefundWithBitfinex, resolveRefund } from "./resolve";

const TRON = "TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs";
const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

async function rejects(p: Promise<unknown>, status: number, code: string, field?: string) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected ApiError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status, e.message);
    if (field) assert.equal(e.field, field);
    return e;
  }
  assert.fail(`expected ${code}`);
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`refunds on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(() => engine.close());

    /** A checkout paid in `payCurrency`, with `fraction` of the amount due (1.2 = overpaid). */
    async function paid(payCurrency = "UST-TRX", fraction = "1") {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "UST-TRX"] });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/${fraction === "1" ? "pay" : "overpay"}`, {
        payCurrency,
        ...(fraction !== "1" && { fraction }),
      });
      assert.ok(await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 5000));
      return { checkout: (await findCheckout(engine.deps.db, checkout.id))!, invoiceId: invoice!.upstreamId! };
    }
    const sandboxRefunds = async (invoiceId: string) =>
      ((await engine.harness.state()).refunds as Array<{ invoiceId: string; amount: string; address: string }>).filter(
        (r) => r.invoiceId === invoiceId,
      );

    it("the excess of an overpaid checkout, then a part, then nothing left: each sent once, totals kept, one event each", async () => {
      const { checkout, invoiceId } = await paid("BTC", "1.2");
      const excess = await requestRefund(
        engine.deps,
        checkout.id,
        { amount: "excess", address: BTC_MAIN },
        { requestedBy: "test" },
      );
      assert.equal(excess.refund.status, "sent");
      assert.equal(excess.refund.kind, "excess");
      assert.equal(excess.refund.currency, "BTC", "the currency of the payment as Bitfinex reported it");
      const row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.ok(money(excess.refund.amount).eq(money(row.amountPaid!).sub(row.amountDue!)));
      assert.equal(Number(row.amountRefunded), Number(excess.refund.amount));
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "excess", address: BTC_MAIN }, { requestedBy: "test" }),
        422,
        "invalid_field",
        "amount",
      );
      await requestRefund(
        engine.deps,
        checkout.id,
        { amount: "0.00000001", address: BTC_MAIN },
        { requestedBy: "test" },
      );
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "1", address: BTC_MAIN }, { requestedBy: "test" }),
        422,
        "invalid_field",
        "amount",
      );
      const rest = await requestRefund(
        engine.deps,
        checkout.id,
        { amount: "full", address: BTC_MAIN },
        { requestedBy: "test" },
      );
      assert.ok(money((await findCheckout(engine.deps.db, checkout.id))!.amountRefunded!).eq(row.amountPaid!));
      assert.equal(rest.refund.kind, "full");
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "full", address: BTC_MAIN }, { requestedBy: "test" }),
        409,
        "nothing_to_refund",
      );
      assert.equal((await sandboxRefunds(invoiceId)).length, 3);
      const events = await engine.deps.db
        .select()
        .from(notificationEvents)
        .where(eq(notificationEvents.checkoutId, checkout.id));
      const refunded = events.filter((e) => e.type === "checkout.refunded");
      assert.equal(refunded.length, 3);
      assert.equal((refunded[0]!.payload.data.refund as { kind: string }).kind, "excess");
    });

    it('USDt paid on Tron: Bitfinex calls it "UST" on every network and its refund call has no network field, so the automatic refund is refused with how to do it on Bitfinex', async () => {
      const { checkout, invoiceId } = await paid("UST-TRX");
      const refused = await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "full", address: TRON }, { requestedBy: "test" }),
        409,
        "not_refundable",
      );
      assert.match(refused.message, /"UST".*several networks.*Tron/);
      assert.match(refused.message, /Withdraw → .* → Tron/);
      assert.equal((await sandboxRefunds(invoiceId)).length, 0, "nothing sent");
    });

    it("an answer not recognisably Bitfinex's success (a bare true) leaves the refund unknown, never sent; asking Bitfinex finds no withdrawal", async () => {
      const { checkout, invoiceId } = await paid("BTC");
      const t = { authPost: async () => true } as unknown as BitfinexTransport;
      const deps = {
        ...engine.deps,
        bitfinex: {
          ...engine.deps.bitfinex,
          pay: { ...engine.deps.bitfinex.pay, refundInvoice: (input: RefundInput) => refundPayInvoice(t, input) },
        },
      };
      const unknown = await rejects(
        requestRefund(deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" }),
        502,
        "refund_outcome_unknown",
      );
      const [row] = await engine.deps.db
        .select()
        .from(checkoutRefunds)
        .where(eq(checkoutRefunds.id, unknown.extra.refundId as string));
      assert.equal(row!.status, "unknown");
      assert.match(
        row!.error ?? "",
        /does not recognise as a completed refund \(not recognisably Bitfinex's success for a refund: true\)/,
      );
      assert.equal(Number((await findCheckout(engine.deps.db, checkout.id))!.amountRefunded ?? 0), 0);
      // The sandbox was never called; its movements hold no withdrawal, so the merchant decides.
      assert.equal((await sandboxRefunds(invoiceId)).length, 0);
      const checked = await checkRefundWithBitfinex(engine.deps, checkout.id, row!.id);
      assert.equal(checked.outcome, "not_seen");
      assert.equal(checked.refund.status, "unknown");
      await resolveRefund(engine.deps, checkout.id, row!.id, { outcome: "not_sent" });
    });

    it("hostile input is refused, naming the field, before anything is written", async () => {
      const { checkout } = await paid("BTC");
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: 0.001, address: BTC_MAIN }, { requestedBy: "t" }),
        422,
        "invalid_field",
        "amount",
      );
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "full", address: TRON }, { requestedBy: "t" }),
        422,
        "invalid_field",
        "address",
      );
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "0.000000001", address: BTC_MAIN }, { requestedBy: "t" }),
        422,
        "invalid_field",
        "amount",
      );
      await rejects(
        requestRefund(
          engine.deps,
          checkout.id,
          { amount: "full", address: BTC_MAIN, currency: "ETH" },
          { requestedBy: "t" },
        ),
        422,
        "invalid_field",
        "currency",
      );
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "full", address: BTC_MAIN, extra: 1 }, { requestedBy: "t" }),
        422,
        "invalid_field",
      );
      assert.deepEqual(await listRefunds(engine.deps.db, checkout.id), []);
      const { checkout: unpaid } = await engine.checkout();
      await rejects(
        requestRefund(engine.deps, unpaid.id, { amount: "full", address: BTC_MAIN }, { requestedBy: "t" }),
        409,
        "not_refundable",
      );
    });

    it("the same Idempotency-Key twice sends once and answers the same refund; another body with it is refused", async () => {
      const { checkout, invoiceId } = await paid("BTC");
      const body = { amount: "0.00001", address: BTC_MAIN };
      const idem = { scope: "api:k", key: `refund-${checkout.id}`, request: body };
      // Two at once: either may win the insert (on PostgreSQL the order is not fixed).
      const twins = await Promise.all(
        [1, 2].map(() =>
          requestRefund(engine.deps, checkout.id, body, { requestedBy: "api", idempotency: idem }).catch(
            (e: unknown) => e,
          ),
        ),
      );
      const sent = twins.filter((t): t is Awaited<ReturnType<typeof requestRefund>> => !(t instanceof Error));
      assert.ok(sent.length >= 1, `one of the twins sends: ${twins.map(String).join(", ")}`);
      const again = await requestRefund(engine.deps, checkout.id, body, { requestedBy: "api", idempotency: idem });
      assert.equal(again.replayed, true);
      // The other twin either replayed the same refund or was told one is in flight: never a second send.
      for (const t of twins) {
        if (t instanceof ApiError) assert.equal(t.code, "refund_in_progress");
        else assert.equal((t as (typeof sent)[number]).refund.id, again.refund.id);
      }
      assert.equal((await sandboxRefunds(invoiceId)).length, 1);
      await rejects(
        requestRefund(
          engine.deps,
          checkout.id,
          { ...body, amount: "0.00002" },
          { requestedBy: "api", idempotency: { ...idem, request: { ...body, amount: "0.00002" } } },
        ),
        422,
        "idempotency_key_reused",
      );
    });

    it("a lost answer is 'unknown': it blocks further refunds, is never resent, and is settled by hand", async () => {
      const { checkout, invoiceId } = await paid("BTC");
      await engine.harness.control("faults", {
        mode: "timeout",
        count: 1,
        pathPrefix: "v2/auth/w/ext/pay/invoice/refund",
        delayMs: 4000,
      });
      const lost = await rejects(
        requestRefund(
          engine.deps,
          checkout.id,
          { amount: "0.00002345", address: BTC_MAIN },
          { requestedBy: "t", idempotency: { scope: "s", key: "lost-1", request: {} } },
        ),
        502,
        "refund_outcome_unknown",
      );
      const refundId = lost.extra.refundId as string;
      // The sandbox did the work (a timeout fault still processes the call): the money went out once.
      assert.equal((await sandboxRefunds(invoiceId)).length, 1);
      const retried = await requestRefund(
        engine.deps,
        checkout.id,
        { amount: "0.00002345", address: BTC_MAIN },
        { requestedBy: "t", idempotency: { scope: "s", key: "lost-1", request: {} } },
      );
      assert.equal(retried.replayed, true);
      assert.equal(retried.refund.status, "unknown");
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "0.00002345", address: BTC_MAIN }, { requestedBy: "t" }),
        409,
        "refund_in_progress",
      );
      assert.equal((await sandboxRefunds(invoiceId)).length, 1, "nothing sent again");
      // Bitfinex's movements show the withdrawal to the refund's address: asking settles the refund as sent.
      const checked = await checkRefundWithBitfinex(engine.deps, checkout.id, refundId);
      assert.equal(checked.outcome, "sent");
      assert.equal(checked.refund.status, "sent");
      assert.equal((await sandboxRefunds(invoiceId)).length, 1, "asking sends nothing");
      assert.ok(Number((await findCheckout(engine.deps.db, checkout.id))!.amountRefunded) > 0);
      await rejects(resolveRefund(engine.deps, checkout.id, refundId, { outcome: "not_sent" }), 409, "refund_settled");
      await rejects(
        resolveRefund(engine.deps, checkout.id, refundId, { outcome: "sent", bitfinexRefundId: "bfx-123" }),
        409,
        "refund_settled",
      );
    });

    it("a crash after writing the intent (row left 'sending') blocks a second send; the database refuses two in flight", async () => {
      const { checkout, invoiceId } = await paid("BTC");
      const [row] = await engine.deps.db
        .insert(checkoutRefunds)
        .values({
          id: "re_aaaaaaaaaaaaaaaaaaaaaaaaaa",
          checkoutId: checkout.id,
          status: "sending",
          amount: "0.00001",
          currency: "BTC",
          payCurrency: "BTC",
          kind: "partial",
          address: BTC_MAIN,
          requestedBy: "t",
        })
        .returning();
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" }),
        409,
        "refund_in_progress",
      );
      await assert.rejects(
        engine.deps.db.insert(checkoutRefunds).values({ ...row!, id: "re_bbbbbbbbbbbbbbbbbbbbbbbbbb" }),
        "the partial unique index: one refund in flight per checkout",
      );
      assert.equal((await sandboxRefunds(invoiceId)).length, 0);
      await rejects(resolveRefund(engine.deps, checkout.id, row!.id, { outcome: "not_sent" }), 409, "refund_settled");
      engine.advance(5 * 60_000); // now stale: its outcome reads as unknown and may be settled
      // Bitfinex's record shows no refund: nothing is concluded, the refund stays unknown.
      assert.equal((await checkRefundWithBitfinex(engine.deps, checkout.id, row!.id)).outcome, "not_seen");
      assert.equal((await listRefunds(engine.deps.db, checkout.id))[0]!.status, "sending");
      assert.equal((await resolveRefund(engine.deps, checkout.id, row!.id, { outcome: "not_sent" })).status, "failed");
      await requestRefund(engine.deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" });
      assert.equal((await sandboxRefunds(invoiceId)).length, 1);
    });

    it("Bitfinex refusing is 'failed' with a sentence of ours, and a new refund may follow", async () => {
      const { checkout } = await paid("BTC");
      await engine.harness.control("faults", {
        mode: "maintenance",
        count: 1,
        pathPrefix: "v2/auth/w/ext/pay/invoice/refund",
      });
      await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" }),
        503,
        "refund_refused",
      );
      const [failed] = await listRefunds(engine.deps.db, checkout.id);
      assert.equal(failed!.status, "failed");
      assert.equal(
        (await requestRefund(engine.deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" }))
          .refund.status,
        "sent",
      );
    });

    it("a refund stuck behind a Bitfinex backlog is abandoned as not sent, and cannot go out later beside its replacement", async () => {
      const { checkout, invoiceId } = await paid("BTC");
      // Four reads that Bitfinex holds until our 2 s timeout, queued ahead of the refund: 8 s of
      // backlog, more than the refund's REFUND_SEND_WITHIN_MS (5 s).
      const READS = "v2/auth/r/ext/pay/invoices";
      await engine.harness.control("faults", { mode: "timeout", count: 4, pathPrefix: READS, delayMs: 4000 });
      const transport = engine.deps.bitfinex.transport;
      const backlog = Array.from({ length: 4 }, () =>
        transport.authPost(READS, {}, { idempotent: true }).catch(() => null),
      );
      const stuck = await rejects(
        requestRefund(engine.deps, checkout.id, { amount: "0.00001", address: BTC_MAIN }, { requestedBy: "t" }),
        503,
        "refund_refused",
      );
      assert.match(stuck.message, /Nothing was sent/);
      const [abandoned] = await listRefunds(engine.deps.db, checkout.id);
      assert.equal(abandoned!.status, "failed", "recorded as certainly not sent, not as unknown");
      // The merchant refunds again (this one waits its turn behind what is left of the backlog).
      const again = await requestRefund(
        engine.deps,
        checkout.id,
        { amount: "0.00001", address: BTC_MAIN },
        { requestedBy: "t" },
      );
      assert.equal(again.refund.status, "sent");
      await Promise.all(backlog);
      // Everything queued has run: the abandoned request never left, the money went out once.
      await transport.authPost(READS, {}, { idempotent: true });
      assert.equal((await sandboxRefunds(invoiceId)).length, 1);
      assert.ok(transport.stats().abandoned >= 1);
    });
  });
}
