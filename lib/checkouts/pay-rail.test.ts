/**
 * The Pay rail end to end against the sandbox, on PGlite and (in CI) PostgreSQL: one invoice per
 * checkout whatever the concurrency, webhooks as hints only, underpayment, confirmations, expiry
 * and late payment, ECOMMERCE customer details, and faults while creating.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { checkoutInvoicesTable as checkoutInvoices } from "../db/checkout-tables";
import { ApiError } from "../errors/api-error";
import { CUSTOMER, waitFor } from "../../test/support/sandbox-harness";
import { findCheckout, findInvoices, findTransitions } from "./repository";
import { startPayment } from "./start-payment";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";

async function rejectsWith(fn: () => Promise<unknown>, status: number, code: string, field?: string) {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected ApiError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status);
    if (field !== undefined) assert.equal(e.field, field);
    return e;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

const sandboxInvoicesFor = async (engine: Engine, checkoutId: string) =>
  ((await engine.harness.state()).payInvoices as Array<{ id: string; orderId: string }>).filter(
    (i) => i.orderId === checkoutId,
  );

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`Pay rail on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("one Pay invoice carries every pay currency; paying it (webhook hint) marks the checkout paid", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "LNX", "UST-TRX"] });
      const started = await startPayment(engine.deps, checkout.id, { payCurrency: "UST-TRX" });
      const invoice = started.invoice!;
      assert.equal(invoice.rail, "pay");
      assert.deepEqual(
        invoice.addresses!.map((a) => `${a.payCurrency}/${a.poolCurrency}`),
        ["BTC/BTC", "BTC/LNX", "UST/TRX"],
      );
      assert.equal(started.checkout.payCurrency, "UST-TRX");
      assert.equal(Number(started.checkout.amountDue), Number(invoice.addresses![2]!.amount));
      assert.ok(Number(started.checkout.amountDue) >= 25, "25 USD is at least 25 USDt");
      const paid = await engine.harness.control(`invoices/${invoice.upstreamId}/pay`, { payCurrency: "UST-TRX" });
      assert.equal(paid.status, 200);
      assert.ok(
        await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 5000),
        "paid via the webhook hint",
      );
      const row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.amountPaid !== null && Number(row.amountPaid) > 0, true);
      const timeline = await findTransitions(engine.deps.db, checkout.id);
      assert.deepEqual(
        timeline.map((t) => `${t.fromState}>${t.toState}`),
        ["awaiting_payment>paid"],
      );
      assert.match(timeline[0]!.reason, /webhook hint: Bitfinex says COMPLETED/);
    });

    it("50 simultaneous starts, in every currency, make exactly one upstream invoice", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC", "ETH", "UST-ETH"] });
      const before = engine.calls("ext/pay/invoice/create");
      const picks = ["BTC", "ETH", "UST-ETH"];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => startPayment(engine.deps, checkout.id, { payCurrency: picks[i % 3] })),
      );
      assert.equal(engine.calls("ext/pay/invoice/create") - before, 1);
      assert.equal(new Set(results.map((r) => r.invoice!.upstreamId)).size, 1);
      assert.equal((await sandboxInvoicesFor(engine, checkout.id)).length, 1);
      // A reload later still finds the same invoice, without calling Bitfinex.
      const again = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      assert.equal(again.invoice!.upstreamId, results[0]!.invoice!.upstreamId);
      assert.equal(engine.calls("ext/pay/invoice/create") - before, 1);
    });

    it("waits for another instance's claim instead of creating a second invoice, and recovers an abandoned one", async () => {
      const { checkout } = await engine.checkout();
      // Another instance claimed the rail a moment ago and is still talking to Bitfinex.
      await engine.deps.db.insert(checkoutInvoices).values({
        checkoutId: checkout.id,
        rail: "pay",
        status: "creating",
        claimToken: "other",
        claimedAt: new Date(engine.deps.now()),
      });
      const before = engine.calls("ext/pay/invoice/create");
      // The request pauses between looks at the claim; its second pause means it has looked twice
      // and found the claim fresh both times.
      let pauses = 0;
      let waited!: () => void;
      const lookedTwice = new Promise<void>((r) => (waited = r));
      const pause = async (ms: number) => {
        if (++pauses === 2) waited();
        await new Promise((r) => setTimeout(r, ms));
      };
      const waiting = startPayment({ ...engine.deps, pause }, checkout.id, { payCurrency: "BTC" });
      await lookedTwice;
      assert.equal(engine.calls("ext/pay/invoice/create") - before, 0, "no second create while the claim is fresh");
      // That instance dies; once the lease has passed the claim is released and one invoice is made.
      engine.advance(31_000);
      const started = await waiting;
      assert.equal(started.invoice!.status, "open");
      assert.equal(engine.calls("ext/pay/invoice/create") - before, 1);
      assert.equal((await sandboxInvoicesFor(engine, checkout.id)).length, 1);
    });

    it("a create that failed with an error answer leaves nothing behind, and the retry succeeds", async () => {
      const { checkout } = await engine.checkout();
      await engine.harness.control("faults", {
        mode: "http500",
        count: 1,
        pathPrefix: "v2/auth/w/ext/pay/invoice/create",
      });
      await assert.rejects(
        startPayment(engine.deps, checkout.id, { payCurrency: "BTC" }),
        (e: Error) => e.name === "BitfinexError",
      );
      assert.equal((await findInvoices(engine.deps.db, checkout.id)).length, 0, "claim released");
      const started = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      assert.equal(started.invoice!.status, "open");
      assert.equal((await sandboxInvoicesFor(engine, checkout.id)).length, 1);
    });

    it("a create that timed out but happened upstream is found by the checkout id, not made twice", async () => {
      const { checkout } = await engine.checkout();
      // The sandbox makes the invoice but answers too late for the client's 2 s timeout.
      await engine.harness.control("faults", {
        mode: "timeout",
        count: 1,
        pathPrefix: "v2/auth/w/ext/pay/invoice/create",
        delayMs: 2500,
      });
      const before = engine.calls("ext/pay/invoice/create");
      const started = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      const upstream = await sandboxInvoicesFor(engine, checkout.id);
      assert.equal(upstream.length, 1);
      assert.equal(started.invoice!.upstreamId, upstream[0]!.id, "the invoice made upstream was adopted");
      assert.ok(engine.logs.some((l) => l.includes("creation uncertain (timeout)")));
      const again = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      assert.equal(again.invoice!.upstreamId, upstream[0]!.id);
      assert.equal(engine.calls("ext/pay/invoice/create") - before, 1);
    });

    it("a forged COMPLETED webhook changes nothing: the invoice is re-fetched and is still unpaid", async () => {
      const { checkout } = await engine.checkout();
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      const outcome = await engine.hints.handle({
        id: invoice!.upstreamId,
        status: "COMPLETED",
        payment: { amount: "1", currency: "BTC", status: "COMPLETED" },
      });
      assert.equal(outcome, "refreshed");
      const row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.state, "awaiting_payment");
      assert.equal((await findTransitions(engine.deps.db, checkout.id)).length, 0);
      assert.equal(
        await engine.hints.handle({ id: "00000000-0000-0000-0000-000000000000", status: "COMPLETED" }),
        "unknown_invoice",
      );
      assert.equal(await engine.hints.handle({ status: "COMPLETED" }), "ignored");
    });

    it("lost webhook: the reconciler finds the payment with one list call", async () => {
      const { checkout } = await engine.checkout();
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      await engine.harness.control("webhooks/drop", { count: 1 });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, {});
      // The sandbox drops the webhook when the payment happens (its log says so before the control
      // call answers): nothing is on its way.
      const webhooks = (await engine.harness.state()).webhooks as Array<{ invoiceId: string; status: string }>;
      assert.deepEqual(
        webhooks.filter((w) => w.invoiceId === invoice!.upstreamId).map((w) => w.status),
        ["dropped"],
      );
      assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "awaiting_payment", "no webhook arrived");
      engine.advance(31_000); // its next check is due
      const report = await engine.reconciler.tick();
      assert.equal(report.call?.kind, "list");
      assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "paid");
    });

    it("underpaid, then paid in full; confirming until confirmed", async () => {
      const { checkout } = await engine.checkout();
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      const id = invoice!.upstreamId!;
      await engine.harness.control(`invoices/${id}/underpay`, { fraction: "0.4", confirmations: 2 });
      engine.advance(31_000);
      await engine.reconciler.tick();
      let row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.state, "underpaid");
      const due = Number(row.amountDue);
      assert.ok(Math.abs(Number(row.amountPaid) - due * 0.4) < 1e-8);
      // The rest arrives, seen but not yet confirmed.
      await engine.harness.control(`invoices/${id}/pay`, { confirmations: 0 });
      engine.advance(31_000);
      await engine.reconciler.tick();
      row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.state, "confirming");
      assert.equal(row.confirmations, 0);
      assert.equal(row.requiredConfirmations, 2);
      await engine.harness.control(`invoices/${id}/confirmations`, { confirmations: 2 });
      await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 3000);
      row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.state, "paid");
      const timeline = (await findTransitions(engine.deps.db, checkout.id)).map((t) => t.toState);
      assert.deepEqual(timeline, ["underpaid", "confirming", "paid"]);
    });

    it("expires after the deadline; a payment after that makes it paid_late, never plain paid", async () => {
      const { checkout } = await engine.checkout({ duration: 300 });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC" });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/expire`, {});
      engine.advance(301_000);
      await engine.reconciler.tick();
      assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "expired");
      await rejectsWith(() => startPayment(engine.deps, checkout.id, { payCurrency: "BTC" }), 409, "checkout_expired");
      await engine.harness.control("webhooks/drop", { count: 0 }).catch(() => {});
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, {});
      engine.advance(5 * 60_000 + 1000);
      await engine.reconciler.tick();
      const row = (await findCheckout(engine.deps.db, checkout.id))!;
      assert.equal(row.state, "paid_late");
      assert.deepEqual(
        (await findTransitions(engine.deps.db, checkout.id)).map((t) => t.toState),
        ["expired", "paid_late"],
      );
    });

    it("a checkout nobody started paying expires locally, without any Bitfinex call", async () => {
      const { checkout } = await engine.checkout({ duration: 300 });
      engine.advance(301_000);
      const before = engine.harness.server.api.requestLog.length;
      const report = await engine.reconciler.tick();
      assert.ok(report.expiredLocally >= 1);
      assert.equal((await findCheckout(engine.deps.db, checkout.id))!.state, "expired");
      // (Other checkouts in this suite may be due; none of the calls was about this one.)
      assert.ok(engine.harness.server.api.requestLog.length - before <= 1);
    });

    it("ECOMMERCE needs Bitfinex's customer details: refused without, validated, then sent", async () => {
      const { checkout } = await engine.checkout({ type: "ECOMMERCE" });
      await rejectsWith(
        () => startPayment(engine.deps, checkout.id, { payCurrency: "BTC" }),
        422,
        "customer_info_required",
        "customerInfo",
      );
      await rejectsWith(
        () =>
          startPayment(engine.deps, checkout.id, { payCurrency: "BTC", customerInfo: { ...CUSTOMER, email: "nope" } }),
        422,
        "invalid_field",
        "customerInfo.email",
      );
      await rejectsWith(
        () =>
          startPayment(engine.deps, checkout.id, {
            payCurrency: "BTC",
            customerInfo: { ...CUSTOMER, residCountry: "XX" },
          }),
        422,
        "invalid_field",
        "customerInfo.residCountry",
      );
      assert.equal((await findInvoices(engine.deps.db, checkout.id)).length, 0, "nothing half-written");
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "BTC", customerInfo: CUSTOMER });
      assert.equal(invoice!.status, "open");
      assert.deepEqual((await findCheckout(engine.deps.db, checkout.id))!.customerInfo, CUSTOMER);
    });

    it("refuses customer details for a POS checkout instead of starting the payment anyway", async () => {
      const { checkout } = await engine.checkout({ type: "POS" });
      await rejectsWith(
        () => startPayment(engine.deps, checkout.id, { payCurrency: "BTC", customerInfo: CUSTOMER }),
        422,
        "invalid_field",
        "customerInfo",
      );
      assert.equal((await findInvoices(engine.deps.db, checkout.id)).length, 0, "no invoice was made");
    });

    it("refuses a currency the checkout does not offer, and unknown checkouts", async () => {
      const { checkout } = await engine.checkout({ payCurrencies: ["BTC"] });
      await rejectsWith(
        () => startPayment(engine.deps, checkout.id, { payCurrency: "ETH" }),
        422,
        "invalid_field",
        "payCurrency",
      );
      await rejectsWith(() => startPayment(engine.deps, checkout.id, {}), 422, "invalid_field", "payCurrency");
      await rejectsWith(
        () => startPayment(engine.deps, checkout.id, { payCurrency: "BTC", extra: 1 }),
        422,
        "invalid_field",
        "extra",
      );
      await rejectsWith(
        () => startPayment(engine.deps, "co_aaaaaaaaaaaaaaaaaaaaaaaaaa", { payCurrency: "BTC" }),
        404,
        "not_found",
      );
    });
  });
}
