/**
 * The sandbox control API (payments, confirmations, expiry, webhooks, faults, Pay availability)
 * and what the client sees as a result, over real HTTP on 127.0.0.1.
 * Run: node --conditions=react-server --import tsx --test lib/sandbox/sandbox-control.test.ts
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BitfinexClient } from "../bitfinex/client";
import type { PayInvoice } from "../bitfinex/types";
import { money } from "../money/decimal";
import { expectBfxError, orderId, startHarness, waitFor, type Harness } from "../../test/support/sandbox-harness";

let h: Harness;
let bfx: BitfinexClient;
let hookServer: Server;
let hookUrl = "";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hooks: Array<{ path: string; body: any }> = [];

before(async () => {
  h = await startHarness();
  bfx = h.client();
  hookServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200, { "content-type": "text/plain" }).end("true");
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/webhook`;
});
after(async () => {
  hookServer.closeAllConnections();
  await new Promise((r) => hookServer.close(r));
  await h.close();
});

const create = (over: Partial<Parameters<BitfinexClient["pay"]["createInvoice"]>[0]> = {}, client = bfx) =>
  client.pay.createInvoice({
    type: "POS",
    amount: "20",
    currency: "USD",
    payCurrencies: ["BTC", "LNX", "UST-TRX"],
    orderId: orderId("ctl"),
    ...over,
  });
/**
 * The sandbox's own record of the webhooks it sent for an invoice. It records an attempt the moment
 * it decides to send (before the control call answers) and its HTTP status once the POST is
 * answered, so "nothing more was sent" is read here rather than waited for.
 */
const webhooksFor = async (invoiceId: string) =>
  ((await h.state()).webhooks as Array<{ invoiceId: string; status: string; httpStatus: number | null }>).filter(
    (w) => w.invoiceId === invoiceId,
  );
const refetch = async (id: string): Promise<PayInvoice> => {
  const inv = await bfx.pay.getInvoice(id);
  assert.ok(inv, `invoice ${id} is listed`);
  return inv;
};
const requestsTotal = async (): Promise<number> => (await h.state()).requests.total;
async function ctl(path: string, body: unknown = {}) {
  const answer = await h.control(path, body);
  assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

test("pay in full: COMPLETED with a payment for the exact amount", async () => {
  const inv = await create();
  const answer = await ctl(`invoices/${inv.id}/pay`);
  assert.equal(answer.invoice.status, "COMPLETED");
  const got = await refetch(inv.id);
  assert.equal(got.status, "COMPLETED");
  assert.ok(got.payment);
  assert.equal(got.payment.amount, "0.0002");
  assert.equal(got.payment.currency, "BTC");
  assert.equal(got.payment.method, "BITCOIN", "a deposit method name, as in the seed's webhook example");
  assert.equal(got.payment.status, "COMPLETED");
  assert.equal(got.payment.confirmations, 2);
  assert.match(got.payment.createdAt ?? "", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual(got.additionalPayments, []);
});

test("pay with confirmations 0 on BTC: PENDING with a PROCESSING payment, then confirmations: COMPLETED", async () => {
  const inv = await create();
  await ctl(`invoices/${inv.id}/pay`, { confirmations: 0 });
  let got = await refetch(inv.id);
  assert.equal(got.status, "PENDING");
  assert.equal(got.payment?.status, "PROCESSING");
  assert.equal(got.payment?.confirmations, 0);
  await ctl(`invoices/${inv.id}/confirmations`, { confirmations: 1 });
  assert.equal((await refetch(inv.id)).status, "PENDING");
  await ctl(`invoices/${inv.id}/confirmations`, { confirmations: 2 });
  got = await refetch(inv.id);
  assert.equal(got.status, "COMPLETED");
  assert.equal(got.payment?.status, "COMPLETED");
  assert.equal(got.payment?.confirmations, 2);
});

test("underpay: PENDING, then paying the rest: COMPLETED", async () => {
  const inv = await create();
  await ctl(`invoices/${inv.id}/underpay`);
  let got = await refetch(inv.id);
  assert.equal(got.status, "PENDING");
  assert.equal(got.payment?.amount, "0.0001");
  const rest = await ctl(`invoices/${inv.id}/pay`);
  assert.equal(rest.payment.amount, "0.0001");
  got = await refetch(inv.id);
  assert.equal(got.status, "COMPLETED");
  assert.equal(got.additionalPayments.length, 1);
  assert.ok(money(got.payment!.amount).add(got.additionalPayments[0]!.amount).eq("0.0002"));
  assert.equal((await h.control(`invoices/${inv.id}/pay`, {})).status, 409, "nothing left to pay");
});

test("overpay: COMPLETED", async () => {
  const inv = await create();
  await ctl(`invoices/${inv.id}/overpay`, { payCurrency: "UST-TRX" });
  const got = await refetch(inv.id);
  assert.equal(got.status, "COMPLETED");
  assert.equal(got.payment?.amount, "22");
  assert.equal(got.payment?.currency, "UST");
});

test("paying the LNX entry completes the invoice and marks its Lightning invoice paid", async () => {
  const inv = await create();
  const lnx = inv.addresses.find((a) => a.poolCurrency === "LNX");
  assert.ok(lnx?.lightning?.hash);
  assert.equal((await h.control(`invoices/${inv.id}/underpay`, { payCurrency: "LNX" })).status, 422);
  await ctl(`invoices/${inv.id}/pay`, { payCurrency: "LNX" });
  assert.equal((await refetch(inv.id)).status, "COMPLETED");
  assert.equal((await bfx.lightning.getPayment(lnx.lightning.hash))?.state, "paid");
});

test("paying by an entry's Lightning hash or address pays that entry, not the first one", async () => {
  const inv = await create();
  const lnx = inv.addresses.find((a) => a.poolCurrency === "LNX");
  assert.ok(lnx?.lightning?.hash);
  assert.equal((await ctl(`invoices/${lnx.lightning.hash}/pay`)).payment.method, "LNX");
  assert.equal((await refetch(inv.id)).payment?.method, "LNX");
  assert.equal((await bfx.lightning.getPayment(lnx.lightning.hash))?.state, "paid");
  const other = await create();
  const trx = other.addresses.find((a) => a.poolCurrency === "TRX");
  assert.ok(trx);
  const paid = await ctl(`invoices/${trx.address}/pay`);
  assert.equal(paid.payment.method, "TETHERUSX");
  assert.equal(paid.payment.amount, "20");
  assert.equal((await refetch(other.id)).status, "COMPLETED");
});

test("expire: EXPIRED; a payment after expiry is recorded but the invoice stays EXPIRED", async () => {
  const inv = await create();
  assert.equal((await ctl(`invoices/${inv.id}/expire`)).invoice.status, "EXPIRED");
  assert.equal((await refetch(inv.id)).status, "EXPIRED");
  await ctl(`invoices/${inv.id}/pay`);
  const got = await refetch(inv.id);
  assert.equal(got.status, "EXPIRED");
  assert.equal(got.payment?.amount, "0.0002");
  assert.equal((await h.control(`invoices/${inv.id}/expire`, {})).status, 200, "expiring twice is harmless");
});

test("webhook: one POST with status COMPLETED when paid", async () => {
  hooks.length = 0;
  const inv = await create({ webhook: hookUrl });
  await ctl(`invoices/${inv.id}/pay`, { payCurrency: "UST-TRX" });
  assert.ok(await waitFor(() => hooks.length >= 1, 3000), "a webhook arrived");
  assert.equal((await webhooksFor(inv.id)).length, 1, "the sandbox sent exactly one");
  assert.equal(hooks.length, 1, "exactly one");
  const hook = hooks[0]!;
  assert.equal(hook.path, "/webhook");
  assert.equal(hook.body.id, inv.id);
  assert.equal(hook.body.status, "COMPLETED");
  assert.equal(hook.body.orderId, inv.orderId);
  assert.deepEqual(
    hook.body.invoices.map((e: { poolCurrency: string }) => e.poolCurrency),
    ["TRX"],
    "only the paid entry",
  );
  assert.equal(hook.body.payment.amount, 20);
  await ctl(`invoices/${inv.id}/confirmations`, { confirmations: 30 });
  assert.equal((await webhooksFor(inv.id)).length, 1, "no second webhook");
  assert.equal(hooks.length, 1, "no second webhook");
});

test("webhooks/drop: the next webhook is lost, the invoice is still COMPLETED when re-fetched", async () => {
  hooks.length = 0;
  await ctl("webhooks/drop", { count: 1 });
  const inv = await create({ webhook: hookUrl });
  await ctl(`invoices/${inv.id}/pay`);
  // Dropped when the payment happened: the sandbox never made the POST.
  assert.deepEqual(
    (await webhooksFor(inv.id)).map((w) => [w.status, w.httpStatus]),
    [["dropped", null]],
  );
  assert.equal(hooks.length, 0, "no POST");
  assert.equal((await refetch(inv.id)).status, "COMPLETED");
  const state = await h.state();
  assert.equal(state.settings.dropWebhooks, 0);
  assert.equal(state.webhooks.find((w: { invoiceId: string }) => w.invoiceId === inv.id)?.status, "dropped");
});

test("expiring sends exactly one webhook with status EXPIRED and empty invoices[]", async () => {
  hooks.length = 0;
  const inv = await create({ webhook: hookUrl });
  await ctl(`invoices/${inv.id}/expire`);
  assert.ok(await waitFor(() => hooks.length >= 1, 3000), "a webhook arrived");
  await ctl(`invoices/${inv.id}/pay`); // a late payment sends nothing more
  assert.equal((await webhooksFor(inv.id)).length, 1, "no second webhook");
  assert.equal(hooks.length, 1);
  assert.equal(hooks[0]!.body.id, inv.id);
  assert.equal(hooks[0]!.body.status, "EXPIRED");
  assert.deepEqual(hooks[0]!.body.invoices, []);
  assert.equal(hooks[0]!.body.payment, undefined);
});

test("faults on a write: each mode gives its BitfinexError kind, nothing is created, the next call succeeds", async () => {
  const cases = [
    ["http500", "upstream"],
    ["http429", "rate_limited"],
    ["malformed", "malformed"],
    ["maintenance", "maintenance"],
  ] as const;
  for (const [mode, kind] of cases) {
    const c = h.client();
    await ctl("faults", { mode, count: 1 });
    const before = await requestsTotal();
    const id = orderId(mode);
    await expectBfxError(() => create({ orderId: id }, c), kind);
    assert.equal((await requestsTotal()) - before, 1, `${mode}: a write is sent once`);
    const existing = await bfx.pay.listInvoicesPaginated({ orderId: id });
    assert.equal(existing.totalItems, 0, `${mode}: no invoice was made`);
    if (mode === "http429") {
      // After a 429 the client pauses the family for Bitfinex's block instead of hammering it.
      const n = await requestsTotal();
      await expectBfxError(() => create({}, c), "rate_limited");
      assert.equal(await requestsTotal(), n, "refused locally");
    }
    const next = mode === "http429" ? h.client() : c;
    assert.equal((await create({}, next)).status, "CREATED", `${mode}: the next call succeeds`);
  }
});

test("a nonce fault is retried once for a write: count 1 succeeds, count 2 gives kind nonce", async () => {
  await ctl("faults", { mode: "nonce", count: 1 });
  let before = await requestsTotal();
  const id = orderId("nonce");
  await create({ orderId: id });
  assert.equal((await requestsTotal()) - before, 2);
  assert.equal((await bfx.pay.listInvoicesPaginated({ orderId: id })).totalItems, 1, "created exactly once");

  await ctl("faults", { mode: "nonce", count: 2 });
  before = await requestsTotal();
  await expectBfxError(() => create(), "nonce");
  assert.equal((await requestsTotal()) - before, 2);
  assert.equal((await create()).status, "CREATED");
});

test("faults on a read: one transient failure is retried and the read succeeds", async () => {
  for (const mode of ["http500", "malformed", "maintenance", "nonce"]) {
    await ctl("faults", { mode, count: 1 });
    const before = await requestsTotal();
    const list = await bfx.pay.listInvoices({ limit: 5 });
    assert.equal(list.length, 5, mode);
    assert.equal((await requestsTotal()) - before, 2, `${mode}: the sandbox saw 2 requests`);
  }
  await ctl("faults", { mode: "http500", count: 5 });
  await expectBfxError(() => bfx.pay.listInvoices({}), "upstream");
  assert.equal((await ctl("faults/clear")).settings.faults.length, 0);
  assert.ok((await bfx.pay.listCurrencies()).length > 0);
});

test("timeout fault: kind timeout, yet the invoice was created upstream", async () => {
  const c = h.client({ timeoutMs: 300 });
  await ctl("faults", { mode: "timeout", count: 1, delayMs: 1500 });
  const id = orderId("timeout");
  const started = Date.now();
  await expectBfxError(() => create({ orderId: id }, c), "timeout");
  assert.ok(Date.now() - started < 1200, "the client gave up at its own timeout");
  const listed = await bfx.pay.listInvoices({ start: started - 1000, limit: 100 });
  const made = listed.filter((i) => i.orderId === id);
  assert.equal(made.length, 1, "the outcome was unknown to the client, but the invoice exists");
  assert.equal(made[0]!.status, "CREATED");
});

test("chaos: a seeded share of calls fails, counted per kind; a 429 carries Retry-After; rate 0 ends it", async () => {
  const set = await ctl("chaos", { rate: 0.3, seed: 42, retryAfterSeconds: 2, delayMs: 0 });
  assert.deepEqual(set.chaos.modes, ["http500", "http429", "timeout", "malformed", "nonce"]);
  let failed = 0;
  let sawRetryAfter = false;
  // 30 calls: platform status is limited to 30 a minute, like Bitfinex's.
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`${h.server.restUrl}/v2/platform/status`, { signal: AbortSignal.timeout(2000) });
    if (res.status === 429) sawRetryAfter ||= res.headers.get("retry-after") === "2";
    const text = await res.text();
    if (res.status !== 200 || !text.startsWith("[1]")) failed++;
  }
  const { chaos } = await h.state();
  await ctl("chaos", { rate: 0 });
  assert.equal(chaos.calls, 30);
  const injected = Object.values(chaos.injected as Record<string, number>).reduce((a, b) => a + b, 0);
  // A timeout fault still answers (after delayMs: 0 here), so it is not among the failures seen.
  assert.equal(failed, injected - (chaos.injected.timeout ?? 0));
  assert.ok(injected >= 3 && injected <= 18, `about 30% of 30 calls: ${injected}`);
  assert.ok(sawRetryAfter || !chaos.injected.http429, "an injected 429 says Retry-After: 2");
  assert.equal((await h.state()).chaos, null);
  assert.ok((await bfx.pay.listCurrencies()).length > 0);
});

test("state counts genuine nonce rejections and order ids with more than one Pay invoice", async () => {
  const before = (await h.state()).requests.nonceRejected;
  const stale = h.client({ nonces: { next: () => "1000" } as never });
  await expectBfxError(() => stale.pay.listCurrencies(), "nonce");
  assert.equal((await h.state()).requests.nonceRejected - before, 3, "a read is tried 3 times, each rejected");
  const id = orderId("dup");
  await create({ orderId: id });
  assert.ok(!(await h.state()).duplicateOrderIds.includes(id));
  await create({ orderId: id });
  assert.ok((await h.state()).duplicateOrderIds.includes(id));
});

test("pay-api withdrawn / not_merchant: pay.* fails with pay_unavailable, Lightning still works", async () => {
  await bfx.lightning.createDepositAddress({ method: "LNX" });
  try {
    for (const availability of ["withdrawn", "not_merchant"]) {
      await ctl("pay-api", { availability });
      await expectBfxError(() => create(), "pay_unavailable");
      await expectBfxError(() => bfx.pay.listInvoices({}), "pay_unavailable");
      await expectBfxError(() => bfx.pay.listCurrencies(), "pay_unavailable");
      await expectBfxError(() => bfx.pay.listInvoicesPaginated({}), "pay_unavailable");
      const ln = await bfx.lightning.createInvoice("0.0005");
      assert.equal(ln.amountBtc, "0.0005");
      assert.equal((await bfx.lightning.getPayment(ln.paymentHash))?.state, "unpaid");
    }
  } finally {
    await ctl("pay-api", { availability: "available" });
  }
  assert.ok((await bfx.pay.listCurrencies()).includes("BTC"));
});

test("control input errors: 404 for an unknown invoice, 422 naming the bad field, 400 for bad JSON", async () => {
  const missing = await h.control("invoices/no-such-invoice/pay", {});
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error, "invoice_not_found");
  assert.equal(typeof missing.body.message, "string");

  const inv = await create();
  const bad: Array<[string, unknown, string]> = [
    ["faults", { mode: "explode" }, "mode"],
    ["faults", { mode: "http500", count: 0 }, "count"],
    ["pay-api", { availability: "maybe" }, "availability"],
    ["maintenance", { on: "yes" }, "on"],
    [`invoices/${inv.id}/pay`, { amount: 5 }, "amount"],
    [`invoices/${inv.id}/pay`, { amount: "1e-3" }, "amount"],
    [`invoices/${inv.id}/confirmations`, {}, "confirmations"],
    [`invoices/${inv.id}/pay`, { payCurrency: "ETH" }, "payCurrency"],
  ];
  for (const [path, body, field] of bad) {
    const answer = await h.control(path, body);
    assert.equal(answer.status, 422, `${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error, "invalid_field");
    assert.ok(answer.body.message.startsWith(`${field}:`), `names ${field}: ${answer.body.message}`);
  }
  const res = await fetch(`${h.server.origin}/sandbox/control/faults`, { method: "POST", body: "{nope" });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: string }).error, "invalid_json");
  assert.equal((await h.control("no/such/endpoint", {})).status, 404);
  assert.equal((await refetch(inv.id)).status, "CREATED", "rejected control calls changed nothing");
});

test("a wallet paying the BOLT11 of a Pay invoice's Lightning entry completes that Pay invoice", async () => {
  const inv = await create();
  const bolt11 = inv.addresses.find((a) => a.poolCurrency === "LNX")?.lightning?.paymentRequest;
  assert.ok(bolt11, "the Pay invoice has a Lightning entry with a BOLT11");
  await ctl(`invoices/${bolt11}/pay`);
  const got = await refetch(inv.id);
  assert.equal(got.status, "COMPLETED");
  assert.equal(got.payment?.method, "LNX");
});
