/**
 * The sandbox held to Bitfinex's documents: its raw answers are checked against the same wire
 * schemas the client uses, against the field lists of the Submit Invoice page (answer, entries,
 * payment, webhook body) and against the shapes of Bitfinex's own fixtures (test/fixtures/bitfinex).
 * If the sandbox starts saying something Bitfinex does not, this fails, whatever the client thinks.
 */
import assert from "node:assert/strict";
import { entrySymbol } from "../checkouts/rails/pay-payments";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { BitfinexClient } from "../bitfinex/client";
import { wirePayInvoice } from "../bitfinex/wire/pay-invoice";
import { CUSTOMER, orderId, startHarness, waitFor, type Harness } from "../../test/support/sandbox-harness";

// Submit Invoice page, "Response Fields" (and merchantName, which the list endpoint adds).
const INVOICE_FIELDS = [
  "id",
  "t",
  "type",
  "duration",
  "amount",
  "currency",
  "orderId",
  "payCurrencies",
  "webhook",
  "redirectUrl",
  "status",
  "customerInfo",
  "invoices",
  "metadata",
  "flags",
  "recalculatedAt",
  "merchantName",
  "payment",
  "additionalPayments",
];
const ENTRY_FIELDS = ["amount", "currency", "payCurrency", "poolCurrency", "address", "ext"];
// Submit Invoice page, webhook section: the body's fields and the payment's.
const WEBHOOK_FIELDS = [
  "id",
  "type",
  "orderId",
  "status",
  "amount",
  "currency",
  "t",
  "invoices",
  "payment",
  "additionalPayments",
];
const PAYMENT_FIELDS = [
  "txid",
  "amount",
  "currency",
  "method",
  "status",
  "confirmations",
  "created_at",
  "updated_at",
  "depositId",
  "ledgerId",
  "forceCompleted",
  "amountDiff",
];

const fixtureText = (name: string) => readFileSync(join(process.cwd(), "test/fixtures/bitfinex", name), "utf8");
const keysWithin = (value: object, allowed: string[], what: string) => {
  for (const k of Object.keys(value))
    assert.ok(allowed.includes(k), `${what}: "${k}" is not a field Bitfinex documents`);
};
/** The JSON type of each position of an array answer, e.g. ["number","string","null"]. */
const shape = (row: unknown[]) => row.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v));

let h: Harness;
let bfx: BitfinexClient;
let hookServer: Server;
let hookUrl = "";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hooks: any[] = [];
/** Raw answer text per API path, as the sandbox wrote it. */
const raw = new Map<string, string>();

before(async () => {
  h = await startHarness();
  bfx = h.client({
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.text();
      raw.set(new URL(String(input)).pathname.replace(/^.*?\/v2\//, "v2/"), text);
      return new Response(text, { status: res.status, headers: res.headers });
    },
  });
  hookServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200).end("true");
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
});
after(async () => {
  hookServer.closeAllConnections();
  await new Promise((r) => hookServer.close(r));
  await h.close();
});

const create = (order = orderId()) =>
  bfx.pay.createInvoice({
    type: "ECOMMERCE",
    amount: "25",
    currency: "USD",
    payCurrencies: ["BTC", "LNX", "UST-ETH", "UST-TRX"],
    orderId: order,
    customerInfo: CUSTOMER,
    webhook: hookUrl,
  });

describe("the sandbox speaks Bitfinex's documented shapes", () => {
  it("create and list answers: the client's schema, documented fields only, amounts as JSON numbers like the fixtures", async () => {
    const inv = await create();
    const text = raw.get("v2/auth/w/ext/pay/invoice/create")!;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = JSON.parse(text) as any;
    assert.ok(wirePayInvoice.safeParse(body).success);
    keysWithin(body, INVOICE_FIELDS, "invoice");
    for (const e of body.invoices) keysWithin(e, ENTRY_FIELDS, "invoice entry");
    // Bitfinex's fixtures write amounts as JSON numbers; so must the sandbox.
    assert.match(fixtureText("php-200_payInvoiceCreate_response.json"), /"amount":2\.5,/);
    assert.match(text, /"amount":25,/);
    // Entries without `currency`, as the PHP SDK's create fixture has them; the client still tells them apart.
    assert.deepEqual(
      body.invoices.map(
        (e: { currency?: string; payCurrency: string; poolCurrency: string }) =>
          `${e.currency ?? "-"}=${e.payCurrency}/${e.poolCurrency}`,
      ),
      ["-=BTC/BTC", "-=BTC/LNX", "-=UST/ETH", "-=UST/TRX"],
    );
    assert.deepEqual(
      inv.addresses.map((e) => entrySymbol(e)),
      ["BTC", "LNX", "UST-ETH", "UST-TRX"],
    );
    await h.control(`invoices/${inv.id}/pay`, { payCurrency: "UST-TRX" });
    await bfx.pay.listInvoices({ id: inv.id });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [listed] = JSON.parse(raw.get("v2/auth/r/ext/pay/invoices")!) as any[];
    keysWithin(listed, INVOICE_FIELDS, "listed invoice");
    assert.deepEqual(
      listed.invoices.map((e: { currency: string }) => e.currency),
      ["BTC", "LNX", "UST-ETH", "UST-TRX"],
      "list answers name each entry's Pay symbol (the seed webhook's `currency`)",
    );
    keysWithin(listed.payment, PAYMENT_FIELDS, "payment");
    assert.equal(listed.payment.method, "TETHERUSX", "a deposit method name, not a chain");
    assert.match(listed.payment.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("every payment method it writes is in the method map it serves, in the documented [[[METHOD,[CURRENCY]]]] shape", async () => {
    const map = await bfx.market.getTxMethodMap();
    const answer = JSON.parse(raw.get("v2/conf/pub:map:tx:method")!);
    assert.ok(
      Array.isArray(answer) &&
        Array.isArray(answer[0]) &&
        answer[0].every((r: unknown) => Array.isArray(r) && typeof (r as unknown[])[0] === "string"),
    );
    for (const symbol of ["BTC", "LNX", "UST-ETH", "UST-TRX"]) {
      const inv = await create();
      const paid = await h.control(`invoices/${inv.id}/pay`, { payCurrency: symbol });
      const { method, currency } = paid.body.payment;
      assert.ok(map.has(method), `${method} is in the map`);
      // The map ties the method to the currency the payment names (Lightning: LNX for a BTC payment).
      assert.ok(
        map.get(method)!.includes(currency) || (method === "LNX" && currency === "BTC"),
        `${method} carries ${currency}`,
      );
    }
  });

  it("the webhook body has only the documented fields: the paid entry only, no customer details; none of either when expired", async () => {
    const paidInv = await create();
    await h.control(`invoices/${paidInv.id}/pay`, { payCurrency: "BTC" });
    const expiredInv = await create();
    await h.control(`invoices/${expiredInv.id}/expire`, {});
    assert.ok(
      await waitFor(() => hooks.some((b) => b.id === paidInv.id) && hooks.some((b) => b.id === expiredInv.id), 3000),
    );
    const paid = hooks.find((b) => b.id === paidInv.id);
    keysWithin(paid, WEBHOOK_FIELDS, "webhook");
    keysWithin(paid.payment, PAYMENT_FIELDS, "webhook payment");
    assert.deepEqual(
      paid.invoices.map((e: { currency: string }) => e.currency),
      ["BTC"],
    );
    assert.equal(paid.payment.method, "BITCOIN");
    // Same keys as the seed's own example, for a paid ECOMMERCE invoice.
    assert.deepEqual(
      Object.keys(paid).sort(),
      Object.keys(JSON.parse(fixtureText("seed-pay-webhook-completed.json"))).sort(),
    );
    const expired = hooks.find((b) => b.id === expiredInv.id);
    keysWithin(expired, WEBHOOK_FIELDS, "webhook");
    assert.deepEqual(expired.invoices, []);
    assert.equal(expired.payment, undefined);
  });

  it("deposit address and key permissions answers have the shapes of Bitfinex's fixtures", async () => {
    await bfx.lightning.createDepositAddress({ method: "BITCOIN" });
    const ours = JSON.parse(raw.get("v2/auth/w/deposit/address")!);
    const theirs = JSON.parse(fixtureText("php-200_depositAddress_response.json"));
    assert.deepEqual(shape(ours), shape(theirs));
    assert.deepEqual(shape(ours[4]), shape(theirs[4]));
    assert.equal(ours[4][1], "BITCOIN");
    await bfx.account.getPermissions();
    const perms = JSON.parse(raw.get("v2/auth/r/permissions")!);
    const fixturePerms = JSON.parse(fixtureText("php-200_keyPermission_response.json"));
    for (const row of perms) assert.deepEqual(shape(row), shape(fixturePerms[0]));
    assert.ok(
      perms.some((r: unknown[]) => r[0] === "settings"),
      "the answer includes settings",
    );
  });

  it("the Lightning invoice answer is [HASH, BOLT11, null, null, AMOUNT] with AMOUNT a string, as the docs type it", async () => {
    await bfx.lightning.createDepositAddress({ method: "LNX" });
    await bfx.lightning.createInvoice("0.0001");
    const answer = JSON.parse(raw.get("v2/auth/w/deposit/invoice")!);
    assert.deepEqual(shape(answer), ["string", "string", "null", "null", "string"]);
    assert.equal(answer[4], "0.0001");
  });
});
