/**
 * Every client operation against the built-in sandbox, over real HTTP on 127.0.0.1.
 * Run: node --conditions=react-server --import tsx --test lib/bitfinex/client.sandbox.test.ts
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { isValidAddress } from "@/lib/chains/addresses";
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { decodeBolt11 } from "@/lib/lightning/bolt11";
import { money } from "@/lib/money/decimal";
import { CUSTOMER, DECIMAL, orderId, sleep, startHarness, type Harness } from "@/test/support/sandbox-harness";
import type { BitfinexClient } from "./client";
import { BitfinexError } from "./errors";
import type { PayAddress, PayInvoice } from "./types";

let h: Harness;
let bfx: BitfinexClient;

before(async () => {
  h = await startHarness();
  bfx = h.client();
});
after(() => h.close());

const ALL = [
  "BTC",
  "LNX",
  "LBT",
  "ETH",
  "UST-ETH",
  "UST-TRX",
  "UST-PLY",
  "UST-TON",
  "UST-LBT",
  "EUT-ETH",
  "LTC",
  "DOGE",
  "AVAX",
];

function checkAddresses(inv: PayInvoice) {
  assert.equal(inv.addresses.length, inv.payCurrencies.length);
  for (const a of inv.addresses) {
    assert.match(a.amount, DECIMAL, `amount of ${a.payCurrency}/${a.poolCurrency}`);
    assert.ok(money(a.amount).gt(0));
    const info = [...PAY_CURRENCIES.values()].find((c) => c.asset === a.payCurrency && c.pool === a.poolCurrency);
    assert.ok(info, `known entry ${a.payCurrency}/${a.poolCurrency}`);
    if (info.format === "lightning") {
      checkLightningEntry(a);
    } else {
      assert.equal(a.lightning, null);
      assert.ok(
        isValidAddress(info.format, a.address),
        `${info.symbol} address ${a.address} is a valid ${info.format} address`,
      );
    }
  }
}

function checkLightningEntry(a: PayAddress) {
  assert.ok(a.lightning, "LNX entry carries ext.payment_request");
  assert.match(a.address, /^[0-9a-f]{32}$/, "LNX address is a 32-hex id, not the BOLT11");
  const decoded = decodeBolt11(a.lightning.paymentRequest);
  assert.ok(decoded.amountBtc !== null);
  assert.ok(money(decoded.amountBtc).eq(a.amount), `BOLT11 amount ${decoded.amountBtc} == entry amount ${a.amount}`);
  assert.equal(decoded.paymentHash, a.lightning.hash);
  assert.ok(decoded.expiresAt * 1000 > Date.now());
}

let ecommerce: PayInvoice;
let pos: PayInvoice;
let windowStart = 0;
let windowMid = 0;

test("pay.createInvoice ECOMMERCE with customerInfo: every address well-formed, amounts decimal strings", async () => {
  windowStart = Date.now();
  const id = orderId("ecom");
  ecommerce = await bfx.pay.createInvoice({
    type: "ECOMMERCE",
    amount: "25.5",
    currency: "USD",
    payCurrencies: ALL,
    orderId: id,
    durationSeconds: 900,
    webhook: "http://127.0.0.1:9/hook",
    redirectUrl: "https://shop.example/thanks",
    customerInfo: CUSTOMER,
  });
  assert.match(ecommerce.id, /^[0-9a-f-]{36}$/);
  assert.equal(ecommerce.type, "ECOMMERCE");
  assert.equal(ecommerce.status, "CREATED");
  assert.equal(ecommerce.amount, "25.5");
  assert.equal(ecommerce.currency, "USD");
  assert.equal(ecommerce.orderId, id);
  assert.deepEqual(ecommerce.payCurrencies, ALL);
  assert.equal(ecommerce.durationSeconds, 900);
  assert.equal(ecommerce.expiresAt, ecommerce.createdAt + 900_000);
  assert.equal(ecommerce.customerInfo?.email, CUSTOMER.email);
  assert.equal(ecommerce.payment, null);
  checkAddresses(ecommerce);
  const btc = ecommerce.addresses.find((a) => a.poolCurrency === "BTC");
  assert.equal(btc?.amount, "0.000255"); // 25.5 USD at the sandbox's 100000 USD/BTC
  const lnx = ecommerce.addresses.find((a) => a.poolCurrency === "LNX");
  assert.equal(lnx?.amount, "0.000255");
});

test("pay.createInvoice POS: no customerInfo, EUR priced", async () => {
  await sleep(5);
  windowMid = Date.now();
  await sleep(5);
  pos = await bfx.pay.createInvoice({
    type: "POS",
    amount: "10",
    currency: "EUR",
    payCurrencies: ["BTC", "LNX", "UST-TRX"],
    orderId: orderId("pos"),
  });
  assert.equal(pos.type, "POS");
  assert.equal(pos.customerInfo, null);
  assert.equal(pos.durationSeconds, 900); // Bitfinex's default
  checkAddresses(pos);
  assert.equal(pos.addresses.find((a) => a.poolCurrency === "TRX")?.amount, "10.8"); // 10 EUR at 1.08 USD
});

test("pay.getInvoice / listInvoices by id and by time window", async () => {
  const got = await bfx.pay.getInvoice(ecommerce.id);
  assert.ok(got);
  assert.equal(got.id, ecommerce.id);
  // The create answer's entries carry no `currency` (as the PHP SDK's create fixture); list answers do.
  const withoutCurrency = (a: typeof got.addresses) => a.map((e) => ({ ...e, currency: undefined }));
  assert.deepEqual(withoutCurrency(got.addresses), withoutCurrency(ecommerce.addresses));
  assert.ok(ecommerce.addresses.every((a) => !a.currency));
  assert.equal(await bfx.pay.getInvoice("00000000-0000-0000-0000-000000000000"), null);

  const byId = await bfx.pay.listInvoices({ id: pos.id });
  assert.deepEqual(
    byId.map((i) => i.id),
    [pos.id],
  );

  const all = await bfx.pay.listInvoices({ start: windowStart, end: Date.now(), limit: 100 });
  assert.deepEqual(
    all.map((i) => i.id),
    [pos.id, ecommerce.id],
    "newest first",
  );
  const early = await bfx.pay.listInvoices({ start: windowStart, end: windowMid });
  assert.deepEqual(
    early.map((i) => i.id),
    [ecommerce.id],
  );
  const late = await bfx.pay.listInvoices({ start: windowMid, end: Date.now() });
  assert.deepEqual(
    late.map((i) => i.id),
    [pos.id],
  );
  assert.deepEqual(await bfx.pay.listInvoices({ start: 0, end: windowStart - 1 }), []);
  assert.equal((await bfx.pay.listInvoices({ limit: 1 })).length, 1);
});

test("pay.completeInvoice and pay.expireInvoice", async () => {
  const done = await bfx.pay.completeInvoice({ id: pos.id, payCcy: "UST-TRX" });
  assert.equal(done.status, "COMPLETED");
  assert.ok(done.payment);
  assert.equal(done.payment.forceCompleted, true);
  assert.equal(done.payment.amount, "10.8");
  assert.equal(done.payment.currency, "UST");
  assert.equal((await bfx.pay.getInvoice(pos.id))?.status, "COMPLETED");

  const expired = await bfx.pay.expireInvoice(ecommerce.id);
  assert.equal(expired.status, "EXPIRED");
  assert.equal((await bfx.pay.getInvoice(ecommerce.id))?.status, "EXPIRED");
});

test("completeInvoice / expireInvoice refused by Bitfinex: a BitfinexError with the ERR_PAY_ reason, sent once", async () => {
  const cases: Array<[() => Promise<unknown>, string]> = [
    [() => bfx.pay.expireInvoice(pos.id), "ERR_EXPIRE_INVOICE: ERR_PAY_INVOICE_ALREADY_COMPLETED"],
    [
      () => bfx.pay.expireInvoice("00000000-0000-0000-0000-000000000000"),
      "ERR_EXPIRE_INVOICE: ERR_PAY_INVOICE_NOT_FOUND",
    ],
    [
      () => bfx.pay.completeInvoice({ id: "00000000-0000-0000-0000-000000000000", payCcy: "BTC" }),
      "ERR_COMPLETE_INVOICE: ERR_PAY_INVOICE_NOT_FOUND",
    ],
    [() => bfx.pay.completeInvoice({ id: pos.id, payCcy: "ETH" }), "ERR_COMPLETE_INVOICE: ERR_PAY_CURRENCY_INVALID"],
  ];
  for (const [call, reason] of cases) {
    const before = (await h.state()).requests.total;
    await assert.rejects(
      call(),
      (e) => e instanceof BitfinexError && e.code === null && e.upstreamMessage === reason && e.httpStatus === 500,
    );
    assert.equal((await h.state()).requests.total - before, 1, `${reason}: a write is not repeated`);
  }
});

test("pay.listInvoicesPaginated: status filter, pageSize, totalItems", async () => {
  const extra = [];
  for (let i = 0; i < 3; i++) {
    extra.push(
      await bfx.pay.createInvoice({
        type: "POS",
        amount: String(1 + i),
        currency: "USD",
        payCurrencies: ["BTC"],
        orderId: orderId("page"),
      }),
    );
  }
  const first = await bfx.pay.listInvoicesPaginated({ page: 1, pageSize: 2 });
  assert.equal(first.totalItems, 5);
  assert.equal(first.totalPages, 3);
  assert.equal(first.pageSize, 2);
  assert.equal(first.items.length, 2);
  const last = await bfx.pay.listInvoicesPaginated({ page: 3, pageSize: 2 });
  assert.equal(last.items.length, 1);

  const created = await bfx.pay.listInvoicesPaginated({ status: ["CREATED"], pageSize: 10 });
  assert.equal(created.totalItems, 3);
  assert.deepEqual(new Set(created.items.map((i) => i.id)), new Set(extra.map((i) => i.id)));
  const closed = await bfx.pay.listInvoicesPaginated({ status: ["COMPLETED", "EXPIRED"] });
  assert.deepEqual(new Set(closed.items.map((i) => i.id)), new Set([pos.id, ecommerce.id]));
  const byOrder = await bfx.pay.listInvoicesPaginated({ orderId: pos.orderId });
  assert.deepEqual(
    byOrder.items.map((i) => i.id),
    [pos.id],
  );
  const asc = await bfx.pay.listInvoicesPaginated({ sort: "asc", sortField: "amount", status: ["CREATED"] });
  assert.deepEqual(
    asc.items.map((i) => i.amount),
    ["1", "2", "3"],
  );
});

test("concurrent calls on one client keep nonces in order: nothing is rejected or sent twice", async () => {
  const before = (await h.state()).requests.total;
  const tag = orderId("burst");
  const made = await Promise.all([
    ...Array.from({ length: 8 }, (_, i) =>
      bfx.pay.createInvoice({
        type: "POS",
        amount: "2",
        currency: "USD",
        payCurrencies: ["BTC"],
        orderId: `${tag}-${i}`,
      }),
    ),
    ...Array.from({ length: 8 }, () => bfx.pay.listCurrencies()),
  ]);
  assert.equal(made.length, 16);
  assert.equal((await h.state()).requests.total - before, 16, "no retries were needed");
  const listed = await bfx.pay.listInvoices({ limit: 100 });
  assert.equal(listed.filter((i) => i.orderId.startsWith(tag)).length, 8);
});

test("pay.listCurrencies", async () => {
  const list = await bfx.pay.listCurrencies();
  for (const s of ["BTC", "LNX", "UST-TRX", "UST-ETH"]) assert.ok(list.includes(s), s);
  assert.ok(list.every((s) => typeof s === "string" && s.length > 0));
});

test("lightning.createInvoice before any deposit address fails with a BitfinexError", async () => {
  await assert.rejects(
    bfx.lightning.createInvoice("0.0001"),
    (e) => e instanceof BitfinexError && e.kind === "upstream",
  );
});

test("LNX limits are enforced by the client before any HTTP call", async () => {
  const before = (await h.state()).requests.total;
  await assert.rejects(bfx.lightning.createInvoice("0.0000009"), RangeError);
  await assert.rejects(bfx.lightning.createInvoice("0.0200001"), RangeError);
  await assert.rejects(bfx.lightning.createInvoice("0.000001001"), RangeError); // 9 decimals
  assert.equal((await h.state()).requests.total, before, "the sandbox received no request");
});

let paymentHash = "";

test("lightning.createDepositAddress then createInvoice: amount, hash and expiry from the BOLT11", async () => {
  const address = await bfx.lightning.createDepositAddress({ method: "LNX" });
  assert.equal(address.method, "LNX");
  assert.equal(address.currency, "BTC");
  assert.ok((address.address ?? "").length > 0);
  assert.deepEqual(
    await bfx.lightning.createDepositAddress({ method: "LNX" }),
    address,
    "op_renew 0 returns the same address",
  );

  const t0 = Date.now();
  for (const amount of ["0.000001", "0.02", "0.00012345"]) {
    const inv = await bfx.lightning.createInvoice(amount);
    const decoded = decodeBolt11(inv.paymentRequest);
    assert.equal(decoded.amountBtc, amount, "BOLT11 amount is exact");
    assert.equal(inv.amountBtc, amount);
    assert.equal(inv.paymentHash, decoded.paymentHash);
    assert.match(inv.paymentHash, /^[0-9a-f]{64}$/);
    assert.ok(inv.expiresAt > Date.now(), "expiry in the future");
    assert.ok(inv.createdAt <= Date.now() && inv.createdAt >= t0 - 1000);
    assert.equal(inv.expiresAt - inv.createdAt, 3600_000);
    const stored = (await h.state()).lightningInvoices.find(
      (l: { paymentHash: string }) => l.paymentHash === inv.paymentHash,
    );
    assert.ok(stored, "the sandbox knows the invoice by the BOLT11's payment hash");
    assert.equal(stored.invoiceHash, inv.invoiceHash);
    paymentHash = inv.paymentHash;
  }
});

test("lightning.getPayment goes from unpaid to paid when the control API pays it; listInvoices", async () => {
  const unpaid = await bfx.lightning.getPayment(paymentHash);
  assert.ok(unpaid);
  assert.equal(unpaid.state, "unpaid");
  // The sandbox answers an unpaid getInvoiceById in the one form public code shows: {state: "not_paid"}.
  assert.equal(unpaid.rawStatus, "not_paid");
  assert.equal(unpaid.amountBtc, null);
  assert.equal(await bfx.lightning.getPayment("ab".repeat(32)), null);

  const paid = await h.control(`invoices/${paymentHash}/pay`, {});
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  const after = await bfx.lightning.getPayment(paymentHash.toUpperCase());
  assert.equal(after?.state, "paid");
  assert.equal(after?.paymentHash, paymentHash);

  const list = await bfx.lightning.listInvoices();
  assert.equal(list.length, 3 + 2, "three deposit invoices plus the two Pay invoices' LNX entries");
  assert.ok(
    list.every((p, i) => i === 0 || (list[i - 1]!.createdAt ?? 0) >= (p.createdAt ?? 0)),
    "newest first",
  );
  assert.equal(list.find((p) => p.paymentHash === paymentHash)?.state, "paid");
  assert.ok(list.filter((p) => p.state === "unpaid").length >= 2);
});

test("account.listMovements shows the Lightning deposit with its exact amount", async () => {
  const lnx = await bfx.account.listMovements({ currency: "LNX" });
  const row = lnx.find((m) => m.txid === paymentHash);
  assert.ok(row, "deposit row for the paid invoice");
  assert.equal(row.amount, "0.00012345");
  assert.equal(row.status, "COMPLETED");
  assert.equal(row.currency, "LNX");
  const all = await bfx.account.listMovements({ limit: 100 });
  assert.ok(all.some((m) => m.txid === paymentHash));
  assert.ok(
    all.some((m) => m.currency === "UST" && m.amount === "10.8"),
    "the completed POS invoice's deposit",
  );
  assert.deepEqual(await bfx.account.listMovements({ currency: "LNX", end: 1 }), []);
});

test("market: ticker, fx rate, platform status (and maintenance)", async () => {
  const ticker = await bfx.market.getTicker("tBTCUSD");
  assert.equal(ticker.symbol, "tBTCUSD");
  assert.equal(ticker.last, "100000");
  assert.ok(money(ticker.bid).lt(ticker.last) && money(ticker.ask).gt(ticker.last));
  assert.equal(await bfx.market.getFxRate("EUR", "USD"), "1.08");
  assert.equal(await bfx.market.getPlatformStatus(), true);
  assert.equal((await h.control("maintenance", { on: true })).status, 200);
  try {
    assert.equal(await bfx.market.getPlatformStatus(), false);
  } finally {
    assert.equal((await h.control("maintenance", { on: false })).status, 200);
  }
  assert.equal(await bfx.market.getPlatformStatus(), true);
});

test("control prices and settings change what the client is quoted", async () => {
  await h.control("prices", { BTC: "50000" });
  assert.equal((await bfx.market.getTicker("tBTCUSD")).last, "50000");
  assert.equal((await bfx.market.getTicker("tBTCEUR")).last, "46296.296");
  const inv = await bfx.pay.createInvoice({
    type: "POS",
    amount: "25",
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: orderId("px"),
  });
  assert.equal(inv.addresses[0]?.amount, "0.0005");
  assert.equal((await h.control("settings", { lnInvoiceExpirySeconds: 600 })).status, 200);
  const ln = await bfx.lightning.createInvoice("0.001");
  assert.equal(ln.expiresAt - ln.createdAt, 600_000);
  assert.equal(decodeBolt11(ln.paymentRequest).expirySeconds, 600);
  await h.control("prices", { BTC: "100000" });
});
