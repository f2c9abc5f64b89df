/**
 * Greenfield pull payments without a server, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
 * the WooCommerce plugin's exact request (fixture, the bytes its PHP client sends) becomes a
 * refund claim on the paid invoice its name names, in the coin paid at the invoice's rate; the
 * answer has BTCPay's PullPaymentData fields and types (fixture from its swagger and model); bad
 * input is listed with BTCPay's paths; more than is left is a 422 naming both currencies;
 * autoApproveClaims false waits for the merchant even under the auto-approve limit; sent once.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { findCheckout } from "../checkouts/repository";
import { startPayment } from "../checkouts/start-payment";
import { refundClaims, type CheckoutRow } from "../db/schema";
import { payCurrency } from "../currencies/pay-currencies";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { waitFor } from "../../test/support/sandbox-harness";
import { approveClaim, claimRefund, setAutoApproveLimit } from "../refunds/claims";
import { GreenfieldError } from "./errors";
import {
  coinAmount,
  createPullPayment,
  orderIdFromName,
  parsePullPaymentRequest,
  readPullPayment,
  type PullPaymentRequest,
} from "./pull-payments";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/greenfield/${name}`, import.meta.url), "utf8"));
const plugin = fixture("woocommerce-create-pull-payment.json") as { bodyText: string };
const btcpay = fixture("btcpay-pull-payment-data.json") as {
  fields: Record<string, string>;
  validationMessages: Record<string, string>;
  notFound: { status: number; body: unknown };
};
const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<GreenfieldError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    assert.ok(e instanceof GreenfieldError, `expected a GreenfieldError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a refusal");
}
const problems = (e: GreenfieldError) => e.body as Array<{ path: string; message: string }>;

/** The plugin's request, parsed from its bytes, with changes. */
const pluginRequest = (changes: Record<string, unknown> = {}, now = Date.now()) => {
  const body = { ...(JSON.parse(plugin.bodyText) as Record<string, unknown>), ...changes };
  return parsePullPaymentRequest(body, JSON.stringify(body), now);
};

/** Each field of the answer has the type BTCPay's PullPaymentData gives it, and nothing else is there. */
function assertPullPaymentData(view: Record<string, unknown>) {
  assert.deepEqual(Object.keys(view), Object.keys(btcpay.fields), "BTCPay's fields, in its order");
  for (const [field, type] of Object.entries(btcpay.fields)) {
    const v = view[field];
    const ok = type
      .split("|")
      .some((t) =>
        t === "null"
          ? v === null
          : t === "integer"
            ? Number.isInteger(v)
            : t === "decimal-string"
              ? typeof v === "string" && /^\d+(\.\d+)?$/.test(v)
              : typeof v === t,
      );
    assert.ok(ok, `${field} should be ${type}, is ${JSON.stringify(v)}`);
  }
}

describe("Greenfield pull-payment requests", () => {
  it("reads the plugin's bytes: string amount, nulls as not given, its method ids, no auto-approval", () => {
    const req = parsePullPaymentRequest(JSON.parse(plugin.bodyText), plugin.bodyText, Date.now());
    assert.deepEqual(req, {
      name: "Refund of order 1234; wrong size/colour",
      description: null,
      amount: "10.00",
      currency: "EUR",
      autoApproveClaims: false,
      expiresInHours: 168,
      payoutMethods: ["BTC", "UST-ETH"],
    } satisfies PullPaymentRequest);
  });

  it("takes a JSON number by its digits, never as a float", () => {
    const text = '{"amount":0.30000000000000004,"currency":"BTC","name":"Refund of order 9; x"}';
    assert.equal(parsePullPaymentRequest(JSON.parse(text), text, Date.now()).amount, "0.30000000000000004");
  });

  it("finds the order number in the plugin's name, translated or cut at 50 characters", () => {
    assert.equal(orderIdFromName("Refund of order 1234; wrong size/colour"), "1234");
    assert.equal(orderIdFromName("Rückerstattung der Bestellung WC-77; defekt"), "WC-77");
    assert.equal(orderIdFromName("Refund of order 1234;"), "1234");
    assert.equal(
      orderIdFromName("Refund of order 123456789012345678901234567890123"),
      "123456789012345678901234567890123",
    );
    assert.equal(orderIdFromName("refund"), null);
  });

  it("lists every bad field with BTCPay's paths and sentences (HTTP 422)", async () => {
    const e = await refusal(() =>
      pluginRequest({ amount: "0", name: "x".repeat(51), currency: null, payoutMethods: ["BTC", "XMR_CHAIN"] }),
    );
    assert.equal(e.status, 422);
    assert.deepEqual(problems(e), [
      { path: "Amount", message: btcpay.validationMessages.Amount },
      { path: "Name", message: btcpay.validationMessages.Name },
      { path: "Currency", message: btcpay.validationMessages.Currency },
      { path: "PayoutMethods[1]", message: btcpay.validationMessages["PayoutMethods[i]"] },
    ]);
    const empty = await refusal(() => pluginRequest({ payoutMethods: [], paymentMethods: [] }));
    assert.deepEqual(problems(empty), [{ path: "PayoutMethods", message: btcpay.validationMessages.PayoutMethods }]);
    const now = Date.now();
    const later = await refusal(() => pluginRequest({ startsAt: Math.floor(now / 1000) + 3600 }, now));
    assert.equal(problems(later)[0]!.path, "StartsAt");
    const far = await refusal(() => pluginRequest({ expiresAt: Math.floor(now / 1000) + 31 * 86400 }, now));
    assert.equal(problems(far)[0]!.path, "ExpiresAt");
    assert.equal(pluginRequest({ expiresAt: Math.floor(now / 1000) + 2 * 86400 }, now).expiresInHours, 48);
    const scientific = await refusal(() => pluginRequest({ amount: "1e3" }));
    assert.equal(problems(scientific)[0]!.path, "Amount");
  });

  it("converts the order's currency at the invoice's own rate, rounding down to the coin's decimals", () => {
    const row = { amount: "42.50", currency: "EUR", amountDue: "0.00075" } as CheckoutRow;
    const btc = payCurrency("BTC")!;
    // 10.00 × 0.00075 / 42.50 = 0.000176470588…: down to 8 decimals.
    assert.equal(coinAmount(row, btc, { amount: "10.00", currency: "EUR" }), "0.00017647");
    assert.equal(coinAmount(row, btc, { amount: "42.50", currency: "EUR" }), "0.00075");
    assert.equal(coinAmount(row, btc, { amount: "0.0001", currency: "BTC" }), "0.0001");
    assert.equal(coinAmount(row, btc, { amount: "12345", currency: "SATS" }), "0.00012345");
    assert.equal(
      problems(refusalSync(() => coinAmount(row, btc, { amount: "5", currency: "USD" })))[0]!.path,
      "Currency",
    );
    assert.equal(
      problems(refusalSync(() => coinAmount(row, btc, { amount: "0.000000001", currency: "BTC" })))[0]!.path,
      "Amount",
    );
    assert.equal(
      problems(refusalSync(() => coinAmount(row, btc, { amount: "0.0000001", currency: "EUR" })))[0]!.message,
      "0.0000001 EUR is less than the smallest amount of BTC that can be sent",
    );
  });
});

function refusalSync(f: () => unknown): GreenfieldError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof GreenfieldError, `expected a GreenfieldError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a refusal");
}

for (const [dbName, openDb] of dbTargets()) {
  describe(`Greenfield pull payments on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(() => engine.close());

    /** A checkout for order `orderId` of 42.50 EUR, paid in the sandbox (BTC unless said). */
    async function paidOrder(orderId: string, coin = "BTC") {
      const { checkout } = await engine.checkout({ orderId, amount: "42.50", currency: "EUR", payCurrencies: [coin] });
      const { invoice } = await startPayment(engine.deps, checkout.id, { payCurrency: coin });
      await engine.harness.control(`invoices/${invoice!.upstreamId}/pay`, { payCurrency: coin });
      assert.ok(await waitFor(async () => (await findCheckout(engine.deps.db, checkout.id))!.state === "paid", 5000));
      return { checkout: (await findCheckout(engine.deps.db, checkout.id))!, invoiceId: invoice!.upstreamId! };
    }
    const sent = async (invoiceId: string) =>
      ((await engine.harness.state()).refunds as Array<{ invoiceId: string }>).filter((r) => r.invoiceId === invoiceId)
        .length;
    const opts = { offeredBy: "api:key_test", canAutoApprove: false };

    it("the plugin's refund becomes a claim in the coin paid, answered as BTCPay's PullPaymentData; the merchant's approval sends it once", async () => {
      const { checkout, invoiceId } = await paidOrder("1234");
      // The merchant's auto-approve limit would cover it: autoApproveClaims false still waits for the merchant.
      await setAutoApproveLimit(engine.deps, "1000");
      try {
        const view = await createPullPayment(engine.deps, pluginRequest(), opts);
        assertPullPaymentData(view);
        assert.equal(view.viewLink, `${engine.deps.appUrl}/refund/${view.id}`);
        assert.deepEqual(
          [view.name, view.description, view.amount, view.currency, view.autoApproveClaims, view.archived],
          ["Refund of order 1234; wrong size/colour", null, "10.00", "EUR", false, false],
        );
        assert.deepEqual(await readPullPayment(engine.deps, view.id), view);
        const [claim] = await engine.deps.db
          .select()
          .from(refundClaims)
          .where(eq(refundClaims.checkoutId, checkout.id));
        const expected = coinAmount(checkout, payCurrency("BTC")!, { amount: "10.00", currency: "EUR" });
        assert.equal(Number(claim!.amount) > 0, true);
        assert.equal(claim!.amount.replace(/\.?0+$/, ""), expected);
        assert.equal(claim!.autoApprove, false);
        assert.ok(!JSON.stringify(claim).includes(view.id), "only the id's hash is kept");

        const claimed = await claimRefund(engine.deps, view.id, { address: BTC_MAIN });
        assert.equal(claimed.claim.status, "claimed");
        assert.equal(claimed.refund, null, "autoApproveClaims false: nothing sent before the merchant approves");
        assert.equal(await sent(invoiceId), 0);
        await approveClaim(engine.deps, checkout.id, claim!.id, { approvedBy: "u1" });
        await approveClaim(engine.deps, checkout.id, claim!.id, { approvedBy: "u1" });
        assert.equal(await sent(invoiceId), 1, "sent exactly once");
      } finally {
        await setAutoApproveLimit(engine.deps, null);
      }
    });

    it("autoApproveClaims with a key that may: the merchant's auto-approve limit sends it when claimed", async () => {
      const { invoiceId } = await paidOrder("1240");
      await setAutoApproveLimit(engine.deps, "100");
      try {
        const view = await createPullPayment(
          engine.deps,
          pluginRequest({ name: "Refund of order 1240; x", autoApproveClaims: true }),
          { ...opts, canAutoApprove: true },
        );
        assert.equal(view.autoApproveClaims, true);
        const claimed = await claimRefund(engine.deps, view.id, { address: BTC_MAIN });
        assert.ok(claimed.refund, "sent under the limit");
        assert.equal(await sent(invoiceId), 1);
      } finally {
        await setAutoApproveLimit(engine.deps, null);
      }
    });

    it("refuses more than was paid minus earlier refunds and open links, naming both currencies", async () => {
      const { checkout } = await paidOrder("1235");
      const first = await createPullPayment(engine.deps, pluginRequest({ name: "Refund of order 1235; a" }), opts);
      assert.ok(first.id);
      const over = await refusal(
        createPullPayment(engine.deps, pluginRequest({ name: "Refund of order 1235; b", amount: "40.00" }), opts),
      );
      assert.equal(over.status, 422);
      const [p] = problems(over);
      assert.equal(p!.path, "Amount");
      assert.match(p!.message, /^40\.00 EUR = 0\.\d+ BTC is more than is left: /);
      assert.match(p!.message, /at most 0\.\d+ BTC \(32\.\d\d EUR at the invoice's rate\) can be refunded/);
      assert.match(p!.message, new RegExp(`invoice ${checkout.id}`));
      // The rest exactly is fine; then nothing is left.
      const rest = await createPullPayment(
        engine.deps,
        pluginRequest({ name: "Refund of order 1235; c", amount: "32.50" }),
        opts,
      );
      assert.ok(rest.id);
      const none = await refusal(
        createPullPayment(engine.deps, pluginRequest({ name: "Refund of order 1235; d", amount: "0.01" }), opts),
      );
      assert.match(problems(none)[0]!.message, /nothing is left to refund/);
    });

    it("says which invoice it looked for when the name names none, and the coin when the currency is neither", async () => {
      const e = await refusal(
        createPullPayment(engine.deps, pluginRequest({ name: "Refund of order 999999; x" }), opts),
      );
      assert.deepEqual(problems(e), [
        { path: "Name", message: 'no paid invoice has the order id "999999", so there is nothing to refund' },
      ]);
      const { checkout } = await paidOrder("1236");
      // An invoice id in the description wins over the name.
      const byId = await createPullPayment(
        engine.deps,
        pluginRequest({ name: "Refund", description: `invoice ${checkout.id}`, amount: "0.00001", currency: "BTC" }),
        opts,
      );
      assert.equal(byId.currency, "BTC");
      const usd = await refusal(
        createPullPayment(engine.deps, pluginRequest({ name: "Refund of order 1236; x", currency: "USD" }), opts),
      );
      assert.equal(
        problems(usd)[0]!.message,
        "must be EUR (the order's currency) or BTC (the coin the customer paid in): a refund goes back in the coin paid",
      );
      const methods = await refusal(
        createPullPayment(
          engine.deps,
          pluginRequest({ name: "Refund of order 1236; x", payoutMethods: ["UST_ETH"] }),
          opts,
        ),
      );
      assert.equal(problems(methods)[0]!.path, "PayoutMethods");
    });

    it("refuses an invoice paid in USDt (Bitfinex's refund names no network) on Name, naming the invoice, and writes nothing", async () => {
      const { checkout } = await paidOrder("1237", "UST-TRX");
      const e = await refusal(
        createPullPayment(
          engine.deps,
          pluginRequest({ name: "Refund of order 1237; x", payoutMethods: ["UST_TRX"], paymentMethods: null }),
          opts,
        ),
      );
      assert.equal(e.status, 422);
      assert.equal(problems(e)[0]!.path, "Name");
      assert.match(problems(e)[0]!.message, new RegExp(`^invoice ${checkout.id}: `));
      const rows = await engine.deps.db.select().from(refundClaims).where(eq(refundClaims.checkoutId, checkout.id));
      assert.equal(rows.length, 0);
    });

    it("answers 404 pullpayment-not-found for an id it did not make", async () => {
      const e = await refusal(readPullPayment(engine.deps, "A".repeat(43)));
      assert.equal(e.status, btcpay.notFound.status);
      assert.deepEqual(e.body, btcpay.notFound.body);
      assert.equal((await refusal(readPullPayment(engine.deps, "nope"))).status, 404);
    });
  });
}
