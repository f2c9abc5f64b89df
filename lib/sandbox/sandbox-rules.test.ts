/**
 * The sandbox enforces Bitfinex's rules (../shared/bitfinex-api.md §1, §2, §4, §6). Requests are
 * sent both through the client and as raw signed fetch calls built here, independently of
 * lib/bitfinex/sign.ts, so a signing bug cannot hide behind the same bug in the sandbox.
 * Run: node --conditions=react-server --import tsx --test lib/sandbox/sandbox-rules.test.ts
 */
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BitfinexClient } from "../bitfinex/client";
import {
  API_KEY,
  API_SECRET,
  CUSTOMER,
  expectBfxError,
  orderId,
  startHarness,
  type Harness,
} from "../../test/support/sandbox-harness";

let h: Harness;
let bfx: BitfinexClient;

before(async () => {
  h = await startHarness();
  bfx = h.client();
});
after(() => h.close());

interface RawOptions {
  key?: string;
  secret?: string;
  nonce?: string;
  /** What is signed when it differs from what is sent. */
  signedBody?: string;
}

/** A signed POST built by hand: HMAC-SHA384 hex over "/api/" + path + nonce + body. */
async function raw(path: string, body: string, opts: RawOptions = {}) {
  const nonce = opts.nonce ?? h.nonces.next();
  const payload = `/api/${path}${nonce}${opts.signedBody ?? body}`;
  const signature = createHmac("sha384", opts.secret ?? API_SECRET)
    .update(payload)
    .digest("hex");
  const res = await fetch(`${h.server.restUrl}/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "bfx-nonce": nonce,
      "bfx-apikey": opts.key ?? API_KEY,
      "bfx-signature": signature,
    },
    ...(body !== "" && { body }),
    signal: AbortSignal.timeout(2000),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, json, nonce };
}

const CREATE = "v2/auth/w/ext/pay/invoice/create";
const CREATE_POS = "v2/auth/w/ext/pay/invoice/create/pos";
const CURRENCIES = "v2/auth/r/ext/pay/currency/list";
const posBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ amount: "5", currency: "USD", payCurrencies: ["BTC"], orderId: orderId("raw"), ...over });

function assertBfxError(
  answer: { status: number; json: unknown },
  status: number,
  code: number | null,
  message?: string,
) {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  assert.ok(Array.isArray(answer.json), `error body is an array: ${JSON.stringify(answer.json)}`);
  assert.equal(answer.json.length, 3);
  assert.equal(answer.json[0], "error");
  assert.equal(answer.json[1], code);
  assert.equal(typeof answer.json[2], "string");
  if (message !== undefined) assert.equal(answer.json[2], message);
}

test("a correctly signed raw request is accepted", async () => {
  const ok = await raw(CURRENCIES, "{}");
  assert.equal(ok.status, 200);
  assert.ok(Array.isArray(ok.json) && ok.json.includes("BTC"));
});

test('wrong signature and unknown key: HTTP 500 ["error",10100,…]; the nonce is not consumed', async () => {
  const badSig = await raw(CURRENCIES, "{}", { secret: "not-the-secret" });
  assertBfxError(badSig, 500, 10100);
  assert.match(String((badSig.json as unknown[])[2]), /apikey/);
  const unknownKey = await raw(CURRENCIES, "{}", { key: "someone-else" });
  assertBfxError(unknownKey, 500, 10100);
  const tampered = await raw(CURRENCIES, '{"limit":1}', { signedBody: "{}" });
  assertBfxError(tampered, 500, 10100);
  const high = String(BigInt(h.nonces.next()) + 1_000_000_000n);
  assertBfxError(await raw(CURRENCIES, "{}", { nonce: high, secret: "wrong" }), 500, 10100);
  // A rejected request did not move the nonce forward: the next ordinary one still works.
  assert.equal((await raw(CURRENCIES, "{}")).status, 200);
  await expectBfxError(() => h.client({ apiSecret: "wrong" }).pay.listCurrencies(), "auth");
});

test('nonce not larger than the last: HTTP 500 ["error",10114,"nonce: small"]', async () => {
  const first = await raw(CURRENCIES, "{}");
  assert.equal(first.status, 200);
  assertBfxError(await raw(CURRENCIES, "{}", { nonce: first.nonce }), 500, 10114, "nonce: small");
  assertBfxError(await raw(CURRENCIES, "{}", { nonce: String(BigInt(first.nonce) - 1n) }), 500, 10114, "nonce: small");
  assert.equal((await raw(CURRENCIES, "{}", { nonce: String(BigInt(first.nonce) + 1n) })).status, 200);
  // The client (same nonce source) is unaffected.
  assert.ok((await bfx.pay.listCurrencies()).includes("LNX"));
});

test('an empty body signed over "" (Python SDK style) is accepted', async () => {
  const empty = await raw(CURRENCIES, "");
  assert.equal(empty.status, 200, JSON.stringify(empty.json));
  assert.ok(Array.isArray(empty.json) && empty.json.includes("LNX"));
  const perms = await raw("v2/auth/r/permissions", "");
  assert.equal(perms.status, 200);
  assert.ok(Array.isArray(perms.json) && perms.json.some((row) => Array.isArray(row) && row[0] === "bfxpay"));
  // Sent empty but signed as "{}": the bytes differ, so the signature does not match.
  assertBfxError(await raw(CURRENCIES, "", { signedBody: "{}" }), 500, 10100);
});

test("customerInfo: required for ECOMMERCE, refused for POS (raw, and the client refuses locally)", async () => {
  assertBfxError(await raw(CREATE, posBody()), 500, 10020, "customerInfo: invalid");
  assertBfxError(
    await raw(CREATE_POS, posBody({ customerInfo: CUSTOMER })),
    500,
    10020,
    "customerInfo: not allowed for POS",
  );
  assertBfxError(
    await raw(CREATE, posBody({ customerInfo: { ...CUSTOMER, email: "nope" } })),
    500,
    10020,
    "customerInfo.email: invalid",
  );
  assert.equal((await raw(CREATE, posBody({ customerInfo: CUSTOMER }))).status, 200);
  assert.equal((await raw(CREATE_POS, posBody())).status, 200);

  const before = (await h.state()).requests.total;
  const base = { amount: "5", currency: "USD", payCurrencies: ["BTC"], orderId: orderId() };
  await assert.rejects(bfx.pay.createInvoice({ ...base, type: "ECOMMERCE" }), TypeError);
  await assert.rejects(bfx.pay.createInvoice({ ...base, type: "POS", customerInfo: CUSTOMER }), TypeError);
  assert.equal((await h.state()).requests.total, before, "no request reached the sandbox");
});

test("duration: 299 and 86401 rejected, 300 and 86400 accepted", async () => {
  const make = (durationSeconds: number) =>
    bfx.pay.createInvoice({
      type: "POS",
      amount: "5",
      currency: "USD",
      payCurrencies: ["BTC"],
      orderId: orderId("dur"),
      durationSeconds,
    });
  for (const bad of [299, 86_401]) {
    const e = await expectBfxError(() => make(bad), "invalid_request");
    assert.equal(e.code, 10020);
    assert.equal(e.httpStatus, 500);
  }
  assert.equal((await make(300)).durationSeconds, 300);
  assert.equal((await make(86_400)).durationSeconds, 86_400);
});

test('amount outside 0.1..1000 USD equivalent: ["error",null,"ERR_CREATE_INVOICE: ERR_PAY_AMOUNT_INVALID"]', async () => {
  const AMOUNT_INVALID = "ERR_CREATE_INVOICE: ERR_PAY_AMOUNT_INVALID";
  for (const [amount, currency] of [
    ["0.09", "USD"],
    ["0.09", "EUR"],
    ["1000.01", "USD"],
    ["926", "EUR"],
    ["0", "USD"],
    ["-5", "USD"],
    ["1e2", "USD"],
  ]) {
    assertBfxError(await raw(CREATE_POS, posBody({ amount, currency })), 500, null, AMOUNT_INVALID);
  }
  for (const [amount, currency] of [
    ["0.1", "USD"],
    ["1000", "USD"],
    ["925", "EUR"],
    [12.5, "USD"],
  ]) {
    const ok = await raw(CREATE_POS, posBody({ amount, currency }));
    assert.equal(ok.status, 200, `${amount} ${currency}: ${JSON.stringify(ok.json)}`);
  }
  const e = await expectBfxError(
    () =>
      bfx.pay.createInvoice({
        type: "POS",
        amount: "0.05",
        currency: "USD",
        payCurrencies: ["BTC"],
        orderId: orderId(),
      }),
    "invalid_request",
  );
  assert.equal(e.code, null);
  assert.equal(e.upstreamMessage, AMOUNT_INVALID);
  assert.ok(!e.message.includes("ERR_"), "the safe message carries no upstream wording");
});

test("unknown pay currency or fiat: ERR_PAY_CURRENCY_INVALID", async () => {
  const CURRENCY_INVALID = "ERR_CREATE_INVOICE: ERR_PAY_CURRENCY_INVALID";
  assertBfxError(await raw(CREATE_POS, posBody({ payCurrencies: ["BTC", "XYZ"] })), 500, null, CURRENCY_INVALID);
  assertBfxError(await raw(CREATE_POS, posBody({ payCurrencies: [] })), 500, null, CURRENCY_INVALID);
  assertBfxError(await raw(CREATE_POS, posBody({ payCurrencies: ["BTC", "BTC"] })), 500, null, CURRENCY_INVALID);
  assertBfxError(await raw(CREATE_POS, posBody({ currency: "XXX" })), 500, null, CURRENCY_INVALID);
  const e = await expectBfxError(
    () =>
      bfx.pay.createInvoice({ type: "POS", amount: "5", currency: "USD", payCurrencies: ["SOL"], orderId: orderId() }),
    "invalid_request",
  );
  assert.equal(e.upstreamMessage, CURRENCY_INVALID);
});

test('rate limit: the 11th deposit/address call within a minute gets HTTP 429 ["error",11010,"ratelimit: error"]', async () => {
  const body = JSON.stringify({ wallet: "exchange", method: "LNX", op_renew: 0 });
  const addresses = new Set<unknown>();
  for (let i = 1; i <= 10; i++) {
    const ok = await raw("v2/auth/w/deposit/address", body);
    assert.equal(ok.status, 200, `call ${i}: ${JSON.stringify(ok.json)}`);
    addresses.add((ok.json as unknown[][])[4]?.[4]);
  }
  assert.equal(addresses.size, 1, "op_renew 0 keeps the same address");
  assertBfxError(await raw("v2/auth/w/deposit/address", body), 429, 11010, "ratelimit: error");
  assert.equal((await h.state()).requests.rateLimitedLastMinute, 1);
  // Other families are not affected; the client sees rate_limited for this one.
  assert.equal((await raw(CURRENCIES, "{}")).status, 200);
  const e = await expectBfxError(
    () => h.client({ readAttempts: 1 }).lightning.createDepositAddress({ method: "LNX" }),
    "rate_limited",
  );
  assert.equal(e.httpStatus, 429);
});

test("paginated invoice lists are sorted ascending unless asked otherwise", async () => {
  const a = await bfx.pay.createInvoice({
    type: "POS",
    amount: "5",
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: orderId("asc"),
  });
  await new Promise((r) => setTimeout(r, 5));
  const b = await bfx.pay.createInvoice({
    type: "POS",
    amount: "5",
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: orderId("asc"),
  });
  const asc = (await bfx.pay.listInvoicesPaginated({ pageSize: 100 })).items.map((i) => i.id);
  assert.ok(asc.indexOf(a.id) < asc.indexOf(b.id));
  const desc = (await bfx.pay.listInvoicesPaginated({ pageSize: 100, sort: "desc" })).items.map((i) => i.id);
  assert.ok(desc.indexOf(b.id) < desc.indexOf(a.id));
});

test("a key without settings, account or orders cannot create invoices, and says so in its permissions", async () => {
  assert.equal((await h.control("key", { missingScopes: ["settings"] })).status, 200);
  try {
    const settings = (await bfx.account.getPermissions()).find((p) => p.scope === "settings");
    assert.deepEqual(settings, { scope: "settings", read: false, write: false });
    const e = await expectBfxError(
      () =>
        bfx.pay.createInvoice({
          type: "POS",
          amount: "5",
          currency: "USD",
          payCurrencies: ["BTC"],
          orderId: orderId(),
        }),
      "permission",
    );
    assert.equal(e.upstreamMessage, "api_key: permission invalid");
  } finally {
    await h.control("key", { missingScopes: [] });
  }
  assert.ok(
    await bfx.pay.createInvoice({
      type: "POS",
      amount: "5",
      currency: "USD",
      payCurrencies: ["BTC"],
      orderId: orderId(),
    }),
  );
});

test("state survives a restart: invoices are still listed and nonces must still increase", async () => {
  const inv = await bfx.pay.createInvoice({
    type: "POS",
    amount: "7",
    currency: "USD",
    payCurrencies: ["BTC", "LNX"],
    orderId: orderId("restart"),
  });
  const used = await raw(CURRENCIES, "{}");
  assert.equal(used.status, 200);
  // As listed before the restart (a create answer leaves out each entry's currency, as Bitfinex's does).
  const before = await bfx.pay.getInvoice(inv.id);
  const oldOrigin = h.server.origin;
  await h.restart();
  assert.notEqual(h.server.origin, oldOrigin);

  const again = h.client();
  const listed = await again.pay.getInvoice(inv.id);
  assert.ok(listed, "the invoice is still there");
  assert.equal(listed.status, "CREATED");
  assert.deepEqual(listed.addresses, before!.addresses);
  assert.ok((await again.pay.listInvoicesPaginated({ pageSize: 100 })).items.some((i) => i.id === inv.id));

  assertBfxError(await raw(CURRENCIES, "{}", { nonce: used.nonce }), 500, 10114, "nonce: small");
  assertBfxError(await raw(CURRENCIES, "{}", { nonce: "1" }), 500, 10114, "nonce: small");
  assert.equal((await raw(CURRENCIES, "{}")).status, 200);
});

test("control reset clears invoices and settings but keeps nonces", async () => {
  const c = h.client(); // the server was restarted above: a client for its new address
  const used = await raw(CURRENCIES, "{}");
  await c.pay.createInvoice({
    type: "POS",
    amount: "3",
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: orderId("reset"),
  });
  assert.equal((await h.control("maintenance", { on: true })).status, 200);
  assert.equal((await h.control("reset", {})).status, 200);
  const state = await h.state();
  assert.deepEqual(state.payInvoices, []);
  assert.equal(state.settings.maintenance, false);
  assert.equal((await c.pay.listInvoicesPaginated({})).totalItems, 0);
  assertBfxError(await raw(CURRENCIES, "{}", { nonce: used.nonce }), 500, 10114, "nonce: small");
  // A reset also forgets the LNX deposit address: a deposit invoice needs a new one first.
  assertBfxError(
    await raw("v2/auth/w/deposit/invoice", JSON.stringify({ wallet: "exchange", currency: "LNX", amount: "0.0001" })),
    500,
    10001,
  );
});

// After the restart above: a fresh server, so the deposit-address budget (10 a minute) is unspent.
test("Lightning: a JSON-number amount is refused; LNX addresses only for the exchange wallet; op_renew 1 makes a new address", async () => {
  const address = (answer: { json: unknown }) => (answer.json as unknown[][])[4]?.[4];
  const first = await raw(
    "v2/auth/w/deposit/address",
    JSON.stringify({ wallet: "exchange", method: "BITCOIN", op_renew: 0 }),
  );
  const same = await raw(
    "v2/auth/w/deposit/address",
    JSON.stringify({ wallet: "exchange", method: "BITCOIN", op_renew: 0 }),
  );
  const renewed = await raw(
    "v2/auth/w/deposit/address",
    JSON.stringify({ wallet: "exchange", method: "BITCOIN", op_renew: 1 }),
  );
  assert.equal(address(same), address(first));
  assert.notEqual(address(renewed), address(first), "op_renew 1 gives a new address");
  assertBfxError(
    await raw("v2/auth/w/deposit/address", JSON.stringify({ wallet: "margin", method: "LNX", op_renew: 0 })),
    500,
    10020,
    "wallet: invalid",
  );
  assertBfxError(
    await raw("v2/auth/w/deposit/invoice", JSON.stringify({ wallet: "exchange", currency: "LNX", amount: 0.0001 })),
    500,
    10020,
    "amount: invalid",
  );
});
