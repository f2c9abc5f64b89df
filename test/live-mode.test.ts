/**
 * The app in live mode against a Bitfinex double that answers only as Bitfinex's documents show
 * (test/support/seed-double.ts), and the same scenarios against the built-in sandbox: a PENDING
 * invoice with its payment is confirming, a part payment is underpaid with the amount that
 * arrived, COMPLETED is paid with the amount and confirmations Bitfinex reported, all in the
 * currency actually paid (not the one the customer clicked last). And the go-live checks name a
 * missing key scope and a missing deposit address.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBitfinexClient } from "../lib/bitfinex/client";
import { createCheckout } from "../lib/checkouts/create";
import type { CheckoutDeps } from "../lib/checkouts/deps";
import { DepositMethodMap } from "../lib/checkouts/rails/deposit-method-map";
import { findCheckout, findInvoices, findTransitions, type CheckoutRow } from "../lib/checkouts/repository";
import { listRejectedEntries, listUnknownWords, unknownWordText } from "../lib/checkouts/upstream-words";
import { ApiError } from "../lib/errors/api-error";
import { startPayment } from "../lib/checkouts/start-payment";
import { startEngine, type Engine } from "./support/checkout-harness";
import { checkoutInputSchema } from "../lib/checkouts/validation";
import { openDatabase, type DbHandle } from "../lib/db/connect";
import { money } from "../lib/money/decimal";
import { GoLiveChecks } from "../lib/rail-health/go-live";
import { RailsMonitor } from "../lib/rail-health/health";
import { refreshInvoice } from "../lib/reconciler/refresh";
import { startSeedDouble, type SeedDouble } from "./support/seed-double";

const FIXTURE_CURRENCIES = ["BTC", "ETH", "UST-ETH", "LNX"];

/** What both worlds must show for each scenario. */
function assertConfirming(row: CheckoutRow, confirmations: number) {
  assert.equal(row.state, "confirming");
  assert.equal(row.payCurrency, "BTC", "the currency paid, not the one chosen last");
  assert.equal(row.confirmations, confirmations);
  assert.equal(row.payments?.[0]?.method, "BITCOIN");
}

describe("live mode against a Bitfinex double made of Bitfinex's documents", () => {
  let double: SeedDouble;
  let handle: DbHandle;
  let deps: CheckoutDeps;
  before(async () => {
    double = await startSeedDouble("live-key", "live-secret");
    handle = await openDatabase({ memory: true });
    const client = createBitfinexClient({
      apiKey: "live-key",
      apiSecret: "live-secret",
      restUrl: double.url,
      publicUrl: double.url,
      timeoutMs: 2000,
      retryBaseDelayMs: 5,
      readAttempts: 1,
    });
    deps = {
      db: handle.db,
      bitfinex: client,
      rails: new RailsMonitor(client),
      methods: new DepositMethodMap(
        () => client.market.getTxMethodMap(),
        Date.now,
        () => {},
      ),
      mode: "live",
      appUrl: "https://shop.example",
      now: Date.now,
      log: () => {},
    };
  });
  after(async () => {
    await handle.close();
    await double.close();
  });

  const startedCheckout = async () => {
    const input = checkoutInputSchema("live").parse({
      amount: "2.50",
      currency: "USD",
      orderId: `o-${Math.random()}`,
      type: "POS",
      payCurrencies: FIXTURE_CURRENCIES,
    });
    const { checkout } = await createCheckout(deps, input, { source: "api" });
    double.scenario = { status: "CREATED", payment: null };
    await startPayment(deps, checkout.id, { payCurrency: "UST-ETH" });
    const [invoice] = await findInvoices(deps.db, checkout.id);
    return { id: checkout.id, invoice: invoice! };
  };

  it("PENDING with the payment seen is confirming; COMPLETED is paid with Bitfinex's amount and confirmations", async () => {
    const { id, invoice } = await startedCheckout();
    double.scenario = { status: "PENDING", payment: { status: "PROCESSING", confirmations: 1 } };
    await refreshInvoice(deps, invoice, "test");
    assertConfirming((await findCheckout(deps.db, id))!, 1);
    double.scenario = { status: "COMPLETED", payment: {} };
    await refreshInvoice(deps, invoice, "test");
    const paid = (await findCheckout(deps.db, id))!;
    assert.equal(paid.state, "paid");
    assert.ok(money(paid.amountPaid!).eq("0.00006262"));
    assert.equal(paid.confirmations, 6);
    assert.equal(paid.payments?.[0]?.txid, "5119b4caaad1af22bebb2373995d8ecd8dfb23cc1971d0347aaa516b4e0f3e3a");
    assert.equal(paid.payments?.[0]?.depositId, 1357996);
    // The method map is not among Bitfinex's documents: the double says 404, the built-in table did the work.
    assert.ok(double.calls.includes("v2/conf/pub:map:tx:method"));
  });

  it("a part payment is underpaid, with the amount that arrived", async () => {
    const { id, invoice } = await startedCheckout();
    double.scenario = { status: "PENDING", payment: { amount: 0.00003, status: "PROCESSING", confirmations: 1 } };
    await refreshInvoice(deps, invoice, "test");
    const row = (await findCheckout(deps.db, id))!;
    assert.equal(row.state, "underpaid");
    assert.equal(row.payCurrency, "BTC");
    assert.ok(money(row.amountPaid!).eq("0.00003"));
    assert.ok(money(row.amountDue!).eq("0.00006262"));
  });

  it("Lightning paid while invoice-payments answers a word nobody documented: paid through LNX movements, the word on the health page", async () => {
    double.payGone = true;
    const logs: string[] = [];
    const ldeps: CheckoutDeps = { ...deps, rails: new RailsMonitor(deps.bitfinex), log: (l) => logs.push(l) };
    try {
      const input = checkoutInputSchema("live").parse({
        amount: "5.00",
        currency: "USD",
        orderId: `ln-${Math.random()}`,
        type: "POS",
        payCurrencies: ["LNX"],
      });
      const { checkout } = await createCheckout(ldeps, input, { source: "api" });
      const { invoice } = await startPayment(ldeps, checkout.id, { payCurrency: "LNX" });
      assert.equal(invoice!.rail, "lightning");
      assert.ok(money(invoice!.amountBtc!).eq("0.0001"), "5 USD at the ticker's bid of 50000");
      // Before the deposit: the observed form, {state: "not_paid"}, keeps it open.
      await refreshInvoice(ldeps, invoice!, "test");
      assert.equal((await findCheckout(ldeps.db, checkout.id))!.state, "awaiting_payment");
      // Paid; invoice-payments now answers a word no public source shows.
      double.lightning.state = "PAID_BUT_RENAMED";
      double.lightning.paid.add(invoice!.paymentHash!);
      await refreshInvoice(ldeps, invoice!, "test");
      const paid = (await findCheckout(ldeps.db, checkout.id))!;
      assert.equal(paid.state, "paid", "confirmed from LNX deposit movements");
      assert.ok(money(paid.amountPaid!).eq("0.0001"));
      assert.equal(paid.payments?.[0]?.status, "COMPLETED");
      assert.ok(double.calls.includes("v2/auth/r/movements/LNX/hist"));
      // The word is shown: health page (its lines), public health code, the checkout's timeline, one log line.
      const words = await listUnknownWords(ldeps.db);
      assert.deepEqual(
        words.map((w) => [w.kind, w.word]),
        [["lightning_status", "PAID_BUT_RENAMED"]],
      );
      assert.match(
        unknownWordText(words[0]!),
        /Bitfinex answered a Lightning status this app does not know: "PAID_BUT_RENAMED"/,
      );
      const timeline = await findTransitions(ldeps.db, checkout.id);
      assert.ok(timeline.some((t) => t.reason.includes('does not know: "PAID_BUT_RENAMED"')));
      await refreshInvoice(ldeps, invoice!, "test");
      assert.equal(logs.filter((l) => l.includes("PAID_BUT_RENAMED")).length, 1, "logged once per word");
    } finally {
      double.payGone = false;
      double.lightning = { state: "not_paid", paid: new Set() };
    }
  });

  it("an entry whose amount is far from our own quote is not shown: the customer gets 'not available', the merchant a reason", async () => {
    const input = checkoutInputSchema("live").parse({
      amount: "2.50",
      currency: "USD",
      orderId: `o-${Math.random()}`,
      type: "POS",
      payCurrencies: FIXTURE_CURRENCIES,
    });
    const { checkout } = await createCheckout(deps, input, { source: "api" });
    double.scenario = { status: "CREATED", payment: null };
    // The fixture's BTC entry (0.00006262 BTC for $2.50) prices bitcoin near $39,900; our ticker says $25,000.
    double.btcUsdBid = 25_000;
    try {
      await assert.rejects(startPayment(deps, checkout.id, { payCurrency: "BTC" }), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, "currency_unavailable");
        assert.match(e.message, /not available right now/);
        return true;
      });
      const [rejected] = (await listRejectedEntries(deps.db)).filter((r) => r.checkoutId === checkout.id);
      assert.equal(rejected?.symbol, "BTC");
      assert.match(rejected!.reason, /0\.00006262 BTC for 2\.5 USD; our own quote is 0\.0001 BTC, more than 15% apart/);
      // The USDt entry (2.51094528 for $2.50) fits our own quote: it is offered.
      const { invoice } = await startPayment(deps, checkout.id, { payCurrency: "UST-ETH" });
      assert.ok(invoice);
    } finally {
      double.btcUsdBid = 50_000;
    }
  });

  it("go-live checks name the key's missing scope and a currency without a deposit address", async () => {
    double.refusedMethods.add("TETHERUSX");
    const checks = new GoLiveChecks({
      db: deps.db,
      bitfinex: deps.bitfinex,
      offered: async () => ["BTC", "UST-TRX"],
      log: () => {},
      sleep: async () => {},
    });
    await checks.run();
    const r = checks.current();
    // The PHP SDK's permissions fixture is a key with settings off.
    assert.deepEqual(r.permissions, { status: "missing", missing: ["settings:read", "settings:write"], problem: null });
    assert.deepEqual(r.depositAddresses.ready, ["BTC"]);
    assert.deepEqual(r.depositAddresses.missing, [
      { payCurrency: "UST-TRX", method: "TETHERUSX", reason: "ERROR: Invalid method" },
    ]);
  });
});

describe("the same scenarios against the built-in sandbox", () => {
  let engine: Engine;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
  });
  after(() => engine.close());

  const started = async () => {
    const { checkout } = await engine.checkout({ payCurrencies: FIXTURE_CURRENCIES });
    const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: "UST-ETH" });
    await engine.harness.control("webhooks/drop", { count: 1 });
    return { id: checkout.id, invoice: invoice! };
  };

  it("PENDING with the payment seen is confirming; COMPLETED is paid with Bitfinex's amount and confirmations", async () => {
    const { id, invoice } = await started();
    await engine.harness.control(`invoices/${invoice.upstreamId}/pay`, { payCurrency: "BTC", confirmations: 1 });
    await refreshInvoice(engine.deps, invoice, "test");
    assertConfirming((await findCheckout(engine.deps.db, id))!, 1);
    await engine.harness.control(`invoices/${invoice.upstreamId}/confirmations`, { confirmations: 2 });
    await refreshInvoice(engine.deps, invoice, "test");
    const paid = (await findCheckout(engine.deps.db, id))!;
    assert.equal(paid.state, "paid");
    assert.ok(money(paid.amountPaid!).eq(paid.amountDue!));
    assert.equal(paid.confirmations, 2);
    assert.equal(paid.payments?.[0]?.method, "BITCOIN");
  });

  it("a part payment is underpaid, with the amount that arrived", async () => {
    const { id, invoice } = await started();
    const answer = await engine.harness.control(`invoices/${invoice.upstreamId}/underpay`, {
      payCurrency: "BTC",
      fraction: "0.4",
    });
    await refreshInvoice(engine.deps, invoice, "test");
    const row = (await findCheckout(engine.deps.db, id))!;
    assert.equal(row.state, "underpaid");
    assert.equal(row.payCurrency, "BTC");
    assert.ok(money(row.amountPaid!).eq(answer.body.payment.amount));
  });
});
