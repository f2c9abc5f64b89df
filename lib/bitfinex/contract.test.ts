/**
 * Contract tests: the wire parsers and the payment reading against what Bitfinex itself
 * documents (test/fixtures/bitfinex, copied verbatim from Bitfinex's PHP SDK fixtures and the
 * Submit Invoice page), never against our sandbox's idea of Bitfinex. The sandbox's own answers
 * are then held to the same schemas and field lists (lib/sandbox/sandbox-contract.test.ts), so
 * the two cannot drift away from Bitfinex together.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, mock } from "node:test";
import { log } from "../observability/log";
import { observePayInvoice } from "../checkouts/rails/pay-rail";
import { parseJsonLossless } from "../json/lossless-json";
import { getKeyPermissions } from "./account/permissions";
import { listMovements } from "./account/movements";
import { createDepositAddress } from "./lightning/deposit-address";
import { getTxMethodMap } from "./market/tx-methods";
import { getPayInvoice, listPayInvoices, listPayInvoicesPaginated } from "./pay/invoices";
import type { BitfinexError } from "./errors";
import type { BitfinexTransport } from "./transport";
import type { PayInvoice } from "./types";
import { toPayInvoice, wirePayInvoice } from "./wire/pay-invoice";

const FIXTURES = join(process.cwd(), "test/fixtures/bitfinex");
/** A fixture's exact text, parsed as the transport parses answers (numbers kept exact). */
const fixture = (name: string): unknown => parseJsonLossless(readFileSync(join(FIXTURES, name), "utf8"));

/** A transport that answers every call with `answer`, recording what was asked. */
function answering(answer: unknown) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const t = {
    authPost: async (path: string, body: unknown) => (calls.push({ path, body }), answer),
    publicGet: async (path: string) => (calls.push({ path, body: null }), answer),
  } as unknown as BitfinexTransport;
  return { t, calls };
}

const created = (): PayInvoice => toPayInvoice(wirePayInvoice.parse(fixture("php-200_payInvoiceCreate_response.json")));
// The seed's webhook example: a BTC entry paid with method "BITCOIN", 6 confirmations.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const seedWebhook = fixture("seed-pay-webhook-completed.json") as any;

/**
 * The create fixture as Bitfinex would list it later: `status`, with the seed webhook's payment
 * (changed where a scenario needs it). Built from Bitfinex's documents only.
 */
function listed(
  status: string,
  payment: Record<string, unknown> | null,
  additional: Record<string, unknown>[] = [],
): PayInvoice {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wire = fixture("php-200_payInvoiceCreate_response.json") as any;
  wire.status = status;
  if (payment) wire.payment = payment;
  if (additional.length) wire.additionalPayments = additional;
  return toPayInvoice(wirePayInvoice.parse(wire));
}
const seedPayment = (patch: Record<string, unknown> = {}) => ({ ...seedWebhook.payment, ...patch });

describe("Bitfinex's documented answers, parsed", () => {
  it("the create answer (PHP SDK fixture): every entry, Lightning's BOLT11 in ext", () => {
    const inv = created();
    assert.equal(inv.status, "CREATED");
    assert.equal(inv.amount, "2.5");
    assert.deepEqual(
      inv.addresses.map((a) => `${a.payCurrency}/${a.poolCurrency} ${a.amount}`),
      ["BTC/BTC 0.00006262", "ETH/ETH 0.00201242", "UST/ETH 2.51094528", "BTC/LNX 0.00006259"],
    );
    assert.match(inv.addresses[3]!.lightning!.paymentRequest, /^lnbcrt10u1/);
    assert.equal(inv.addresses[3]!.address, "4e4c40ea9116cd555829f0826b4c95cb");
  });

  it("the list answer (PHP SDK fixture): COMPLETED, a BITCOIN payment, timestamps kept as written", async () => {
    const { t, calls } = answering(fixture("php-200_payInvoiceList_response.json"));
    const [inv] = await listPayInvoices(t, { limit: 10 });
    assert.equal(calls[0]!.path, "v2/auth/r/ext/pay/invoices");
    assert.equal(inv!.status, "COMPLETED");
    assert.equal(inv!.payment!.method, "BITCOIN");
    assert.equal(inv!.payment!.currency, "BTC");
    assert.equal(inv!.payment!.amount, "0.00006262");
    assert.equal(inv!.payment!.confirmations, 1);
    assert.equal(inv!.payment!.depositId, 1357996);
    assert.equal(inv!.payment!.createdAt, "2021-02-0522:21:15");
  });

  it("the seed's webhook example names entries by `currency` and payments by deposit method", () => {
    assert.equal(seedWebhook.invoices[0].currency, "BTC");
    assert.equal(seedWebhook.payment.method, "BITCOIN");
    // Only the documented fields: the app must never need more from the webhook than its id.
    assert.deepEqual(Object.keys(seedWebhook).sort(), [
      "amount",
      "currency",
      "id",
      "invoices",
      "orderId",
      "payment",
      "status",
      "t",
      "type",
    ]);
  });

  it("an invoice of a type or status we do not know is skipped, not a failed list", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const list = fixture("php-200_payInvoiceList_response.json") as any[];
    const foreign = [
      { ...list[0], id: "b1", type: "SUBSCRIPTION" },
      { ...list[0], id: "b2", status: "REFUNDED" },
      { id: "b3" },
      "junk",
    ];
    const warned: string[] = [];
    const warn = mock.method(log(), "warn", (line: string) => void warned.push(line));
    try {
      const items = await listPayInvoices(answering([...foreign, list[0]]).t, {});
      assert.deepEqual(
        items.map((i) => i.id),
        ["a6761c8b-468f-40ad-a522-cc5e41c39757"],
      );
      const page = await listPayInvoicesPaginated(
        answering({ page: 1, pageSize: 10, totalPages: 1, totalItems: 5, items: [...foreign, list[0]] }).t,
        {},
      );
      assert.deepEqual(
        page.items.map((i) => i.id),
        ["a6761c8b-468f-40ad-a522-cc5e41c39757"],
      );
    } finally {
      warn.mock.restore();
    }
    assert.equal(warned.length, 8, "each skipped invoice is logged");
    assert.match(warned.join("\n"), /skipped invoice b1 .*type/);
  });

  it("asking for one invoice that is unreadable is an error, not 'unknown'", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [inv] = fixture("php-200_payInvoiceList_response.json") as any[];
    await assert.rejects(
      getPayInvoice(answering([{ ...inv, status: "REFUNDED" }]).t, inv.id),
      (e: BitfinexError) => e.kind === "malformed" && /status/.test(e.upstreamMessage ?? ""),
    );
    assert.equal(await getPayInvoice(answering([]).t, inv.id), null);
  });

  it("the deposit address answer (PHP SDK fixture), and SUCCESS without a readable ADDRESS", async () => {
    const { t, calls } = answering(fixture("php-200_depositAddress_response.json"));
    const got = await createDepositAddress(t, { method: "BITCOIN" });
    assert.deepEqual(got, {
      method: "BITCOIN",
      currency: "BTC",
      address: "3Az3QRJEAQUhcj1hqTCaoQrnRs6xtcVBqE",
      poolAddress: null,
    });
    assert.deepEqual(calls[0]!.body, { wallet: "exchange", method: "BITCOIN", op_renew: 0 });
    const noAddress = [
      1637603347308,
      "acc_dep",
      null,
      null,
      [null, "LNX", "LNX", null, null, null],
      null,
      "SUCCESS",
      "success",
    ];
    assert.equal((await createDepositAddress(answering(noAddress).t, { method: "LNX" })).address, null);
    const refused = [
      1637603347308,
      "acc_dep",
      null,
      null,
      [null, "TETHERUSX", null, null, null, null],
      null,
      "ERROR",
      "not available",
    ];
    await assert.rejects(
      createDepositAddress(answering(refused).t, { method: "TETHERUSX" }),
      (e: BitfinexError) => e.upstreamMessage === "ERROR: not available",
    );
  });

  it("the key permissions answer (PHP SDK fixture): a key without settings", async () => {
    const perms = await getKeyPermissions(answering(fixture("php-200_keyPermission_response.json")).t);
    assert.deepEqual(
      perms.find((p) => p.scope === "settings"),
      { scope: "settings", read: false, write: false },
    );
    assert.deepEqual(
      perms.find((p) => p.scope === "orders"),
      { scope: "orders", read: true, write: true },
    );
  });

  it("the movements answer (PHP SDK fixture)", async () => {
    const [m] = await listMovements(answering(fixture("php-200_movements_response.json")).t, {});
    assert.equal(m!.currency, "ETH");
    assert.equal(m!.currencyName, "ETHEREUM");
    assert.equal(m!.amount, "0.26300954");
    assert.equal(m!.status, "COMPLETED");
  });

  it("the method map in its documented shape [[[METHOD,[CURRENCY]]...]]; odd rows skipped", async () => {
    const answer = [[["BITCOIN", ["BTC"]], ["tetherusx", ["ust"]], ["BROKEN"], 7]];
    const map = await getTxMethodMap(answering(answer).t);
    assert.deepEqual(
      [...map],
      [
        ["BITCOIN", ["BTC"]],
        ["TETHERUSX", ["UST"]],
      ],
    );
  });
});

describe("Reading payments as Bitfinex documents them", () => {
  it("COMPLETED (the list fixture) is paid, with the amount and confirmations Bitfinex reported", async () => {
    const [inv] = await listPayInvoices(answering(fixture("php-200_payInvoiceList_response.json")).t, {});
    const obs = observePayInvoice(inv!, null);
    assert.equal(obs.kind, "full");
    assert.equal(obs.payCurrency, "BTC");
    assert.equal(obs.amountPaid, "0.00006262");
    assert.equal(obs.confirmations, 1);
    assert.equal(obs.payments[0]!.payCurrency, "BTC");
    assert.equal(obs.payments[0]!.depositId, 1357996);
  });

  it("PENDING with the whole amount seen is confirming, with its confirmations (whatever the customer clicked last)", () => {
    const obs = observePayInvoice(
      listed("PENDING", seedPayment({ status: "PROCESSING", confirmations: 1 })),
      "UST-ETH",
    );
    assert.equal(obs.kind, "detected");
    assert.equal(obs.payCurrency, "BTC");
    assert.equal(obs.amountPaid, "0.00006262");
    assert.equal(obs.confirmations, 1);
    // Even a COMPLETED payment waits for Bitfinex's own COMPLETED on the invoice.
    assert.equal(observePayInvoice(listed("PENDING", seedPayment()), null).kind, "detected");
  });

  it("PENDING with part of the amount is underpaid, with what arrived, in the currency paid", () => {
    const obs = observePayInvoice(listed("PENDING", seedPayment({ amount: "0.00003", status: "PROCESSING" })), "ETH");
    assert.equal(obs.kind, "partial");
    assert.equal(obs.payCurrency, "BTC");
    assert.equal(obs.amountPaid, "0.00003");
    assert.equal(obs.amountDue, "0.00006262");
  });

  it("additionalPayments add up; forceCompleted and amountDiff are carried", () => {
    const first = seedPayment({ amount: "0.00003" });
    const second = seedPayment({
      amount: "0.00003262",
      txid: "second",
      forceCompleted: true,
      amountDiff: "-0.00000001",
    });
    const obs = observePayInvoice(listed("COMPLETED", first, [second]), null);
    assert.equal(obs.amountPaid, "0.00006262");
    assert.equal(obs.payments.length, 2);
    assert.equal(obs.payments[1]!.forceCompleted, true);
    assert.equal(obs.payments[1]!.amountDiff, "-0.00000001");
  });

  it("entries sharing an address or a currency are told apart by the payment's method", () => {
    // The fixture's ETH and UST-on-ETH entries share one address; BTC and Lightning share "BTC".
    const ust = observePayInvoice(
      listed(
        "PENDING",
        seedPayment({ currency: "UST", method: "TETHERUSE", amount: "2.51094528", status: "PROCESSING" }),
      ),
      "BTC",
    );
    assert.equal(ust.payCurrency, "UST-ETH");
    assert.equal(ust.kind, "detected");
    const eth = observePayInvoice(
      listed("PENDING", seedPayment({ currency: "ETH", method: "ETHEREUM", amount: "0.001", status: "PROCESSING" })),
      null,
    );
    assert.equal(eth.payCurrency, "ETH");
    assert.equal(eth.kind, "partial");
    const ln = observePayInvoice(listed("COMPLETED", seedPayment({ method: "LNX", amount: "0.00006259" })), null);
    assert.equal(ln.payCurrency, "LNX");
    assert.equal(ln.amountPaid, "0.00006259");
  });

  it("a method Bitfinex's live map knows and we do not still matches by its currency", () => {
    const inv = listed(
      "PENDING",
      seedPayment({ currency: "ETH", method: "ETHEREUMNEW", amount: "0.00201242", status: "PROCESSING" }),
    );
    assert.equal(observePayInvoice(inv, null, new Map([["ETHEREUMNEW", ["ETH"]]])).payCurrency, "ETH");
  });

  it("COMPLETED with a payment that fits no entry is paid, without claiming an amount of zero", () => {
    const obs = observePayInvoice(listed("COMPLETED", seedPayment({ currency: "XAUT", method: "TETHERXAUT" })), "BTC");
    assert.equal(obs.kind, "full");
    assert.equal(obs.amountPaid, null);
    assert.equal(obs.payments[0]!.payCurrency, null);
    assert.equal(obs.payments[0]!.method, "TETHERXAUT");
  });

  it("EXPIRED with nothing paid is expired; a final full payment after expiry is paid (late)", () => {
    assert.equal(observePayInvoice(listed("EXPIRED", null), "BTC").kind, "expired");
    assert.equal(observePayInvoice(listed("EXPIRED", seedPayment()), "BTC").kind, "full");
    assert.equal(observePayInvoice(listed("EXPIRED", seedPayment({ status: "PROCESSING" })), "BTC").kind, "detected");
  });
});
