/**
 * The Greenfield layer without a server: the WooCommerce plugin's create body (fixture) becomes a
 * checkout with its metadata kept, nulls read as "not given", every bad field listed as Greenfield
 * lists them, our states read as BTCPay's statuses, keys' scopes as store permissions, and
 * "mark Invalid" expiring only an unpaid checkout.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { checkouts } from "../db/schema";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { GreenfieldError } from "./errors";
import { knownPermission, permissionsOf, STORE_ID } from "./facts";
import {
  createGreenfieldInvoice,
  findInvoice,
  invoicePaymentMethods,
  invoiceView,
  markInvoice,
  toCheckoutInput,
} from "./invoices";
import { greenfieldStatus } from "./status";
import { approve, formPostPage, parseAuthorizeRequest } from "./authorize";
import { authenticateToken } from "./auth";

const fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/greenfield/woocommerce-create-invoice.json", import.meta.url), "utf8"),
) as { body: Record<string, unknown> };
const DEFAULTS = { payCurrencies: ["BTC", "LNX", "ETH"], duration: 900 };

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<GreenfieldError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    assert.ok(e instanceof GreenfieldError, `expected a GreenfieldError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a refusal");
}

describe("Greenfield request mapping", () => {
  it("reads the WooCommerce plugin's body: string amount, nulls as not given, its method ids", () => {
    const { input, metadata, checkoutOptions } = toCheckoutInput(fixture.body, "42.50", "sandbox", DEFAULTS);
    assert.equal(input.amount, "42.50");
    assert.equal(input.currency, "EUR");
    assert.equal(input.orderId, "1234");
    assert.deepEqual(input.payCurrencies, ["BTC", "UST-ETH"]);
    assert.equal(input.duration, 900);
    assert.equal(input.redirectUrl, "http://127.0.0.1:9/checkout/order-received/1234/?key=wc_order_abc");
    assert.equal(metadata.posData, (fixture.body.metadata as Record<string, unknown>).posData);
    assert.equal(checkoutOptions.speedPolicy, null);
  });

  it("accepts a body of nulls but the amount and currency, and makes an order id", () => {
    const { input } = toCheckoutInput(
      { amount: "10", currency: "usd", metadata: null, checkout: null },
      "10",
      "sandbox",
      DEFAULTS,
    );
    assert.equal(input.currency, "USD");
    assert.match(input.orderId, /^gf-[0-9a-f]{16}$/);
    assert.deepEqual(input.payCurrencies, DEFAULTS.payCurrencies);
  });

  it("lists every bad field as {path, message} with HTTP 422", async () => {
    const e = await refusal(() =>
      toCheckoutInput(
        {
          currency: "XXX",
          checkout: { paymentMethods: ["XMR-CHAIN"], expirationMinutes: 1, redirectURL: "javascript:x" },
        },
        null,
        "sandbox",
        DEFAULTS,
      ),
    );
    assert.equal(e.status, 422);
    const paths = (e.body as Array<{ path: string }>).map((p) => p.path);
    assert.deepEqual(paths, [
      "currency",
      "amount",
      "checkout.paymentMethods",
      "checkout.expirationMinutes",
      "checkout.redirectURL",
    ]);
    const precise = await refusal(() => toCheckoutInput({ currency: "EUR" }, "1.001", "sandbox", DEFAULTS));
    assert.equal((precise.body as Array<{ path: string }>)[0]!.path, "amount");
  });

  it("maps our states to BTCPay's status and additional status", () => {
    const s = (
      state: Parameters<typeof greenfieldStatus>[0]["state"],
      due: string | null,
      paid: string | null,
      marked = false,
    ) => greenfieldStatus({ state, amountDue: due, amountPaid: paid, markedInvalid: marked });
    assert.deepEqual(s("awaiting_payment", null, null), { status: "New", additionalStatus: "None" });
    assert.deepEqual(s("underpaid", "1", "0.5"), { status: "New", additionalStatus: "PaidPartial" });
    assert.deepEqual(s("confirming", "1", "1"), { status: "Processing", additionalStatus: "None" });
    assert.deepEqual(s("paid", "1", "1"), { status: "Settled", additionalStatus: "None" });
    assert.deepEqual(s("paid", "1", "1.2"), { status: "Settled", additionalStatus: "PaidOver" });
    assert.deepEqual(s("expired", null, null), { status: "Expired", additionalStatus: "None" });
    assert.deepEqual(s("expired", "1", "0.3"), { status: "Expired", additionalStatus: "PaidPartial" });
    assert.deepEqual(s("expired", null, null, true), { status: "Invalid", additionalStatus: "Marked" });
    assert.deepEqual(s("paid_late", "1", "1"), { status: "Expired", additionalStatus: "PaidLate" });
  });

  it("writes a key's scopes as the store permissions the plugin checks", () => {
    assert.deepEqual(permissionsOf(["checkouts:read", "checkouts:write"]), [
      `btcpay.store.canviewinvoices:${STORE_ID}`,
      `btcpay.store.canviewstoresettings:${STORE_ID}`,
      `btcpay.store.cancreateinvoice:${STORE_ID}`,
      `btcpay.store.canmodifyinvoices:${STORE_ID}`,
    ]);
    assert.deepEqual(permissionsOf(["webhooks:admin"]), [`btcpay.store.webhooks.canmodifywebhooks:${STORE_ID}`]);
    assert.equal(knownPermission("btcpay.store.cancreateinvoice:abc"), "btcpay.store.cancreateinvoice");
    // Refunds as pull payments: refunds:offer, or refunds:write (BTCPay's cancreatepullpayments includes
    // it); cancreatepullpayments itself is never listed (the plugin refuses a key with a permission it did not ask for).
    for (const scopes of [["refunds:offer"], ["refunds:write"]] as const)
      assert.deepEqual(permissionsOf(scopes), [`btcpay.store.cancreatenonapprovedpullpayments:${STORE_ID}`]);
    assert.equal(
      knownPermission("btcpay.store.cancreatenonapprovedpullpayments"),
      "btcpay.store.cancreatenonapprovedpullpayments",
    );
    assert.equal(knownPermission("btcpay.store.cancreatepullpayments"), null);
  });
});

/** The query the WooCommerce plugin's "Generate API key" builds (ApiKey::getAuthorizeUrl: permissions[] repeated, strict, selectiveStores, redirect). */
const pluginAuthorizeQuery = () => {
  const q = new URLSearchParams();
  for (const p of [
    "btcpay.store.canviewinvoices",
    "btcpay.store.cancreateinvoice",
    "btcpay.store.canviewstoresettings",
    "btcpay.store.canmodifyinvoices",
    "btcpay.store.cancreatenonapprovedpullpayments",
    "btcpay.store.webhooks.canmodifywebhooks",
  ])
    q.append("permissions[]", p);
  q.set("applicationName", "My Shop");
  q.set("strict", "true");
  q.set("selectiveStores", "true");
  q.set("redirect", "http://127.0.0.1:9/wp-admin/admin.php?page=wc-settings&btcpay-settings-callback=1");
  return q;
};

describe("Greenfield key authorization", () => {
  it("grants what it can, names what it cannot, and refuses a bad redirect", () => {
    const req = parseAuthorizeRequest(pluginAuthorizeQuery(), "sandbox");
    assert.equal(req.problem, null);
    assert.equal(req.applicationName, "My Shop");
    assert.deepEqual(
      req.granted.map((g) => g.permission),
      [
        "btcpay.store.canviewinvoices",
        "btcpay.store.cancreateinvoice",
        "btcpay.store.canviewstoresettings",
        "btcpay.store.canmodifyinvoices",
        "btcpay.store.cancreatenonapprovedpullpayments",
        "btcpay.store.webhooks.canmodifywebhooks",
      ],
    );
    assert.deepEqual(req.unavailable, []);
    const bad = pluginAuthorizeQuery();
    bad.set("redirect", "javascript:alert(1)");
    assert.match(parseAuthorizeRequest(bad, "sandbox").problem!, /redirect address/);
    const none = new URLSearchParams({
      redirect: "http://127.0.0.1:9/",
      permissions: "btcpay.server.canmodifyserversettings",
    });
    assert.match(parseAuthorizeRequest(none, "sandbox").problem!, /no permission/);
  });
});

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`Greenfield invoices on ${dbName}`, () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine(openDb);
    });
    after(async () => {
      await engine.close();
    });

    it("makes a checkout for the plugin's create and answers it as BTCPay's InvoiceData", async () => {
      const made = await createGreenfieldInvoice(engine.deps, fixture.body, "42.50", DEFAULTS);
      assert.match(made.id, /^co_/);
      assert.equal(made.storeId, STORE_ID);
      assert.equal(made.amount, "42.50");
      assert.equal(made.status, "New");
      assert.equal(made.additionalStatus, "None");
      assert.equal(made.checkoutLink, `${engine.deps.appUrl}/i/${made.id}`);
      assert.deepEqual(made.metadata, fixture.body.metadata);
      assert.deepEqual(made.checkout.paymentMethods, ["BTC", "UST-ETH"]);
      const [row] = await engine.deps.db.select().from(checkouts).where(eq(checkouts.id, made.id));
      assert.equal(row!.source, "greenfield");
      assert.equal(row!.orderId, "1234");
      const found = await findInvoice(engine.deps.db, made.id);
      assert.deepEqual(invoiceView(found.row, found.extra, engine.deps.appUrl), made);
      const methods = invoicePaymentMethods(found.row, []);
      assert.deepEqual(
        methods.map((m) => [m.paymentMethodId, m.amount, m.due, m.activated]),
        [
          ["BTC", "0", "0", false],
          ["UST-ETH", "0", "0", false],
        ],
      );
      assert.equal((await refusal(findInvoice(engine.deps.db, "co_aaaaaaaaaaaaaaaaaaaaaaaaaa"))).status, 404);
    });

    it("approving makes a scoped key the token header accepts, and a form with exactly the granted permissions", async () => {
      const req = parseAuthorizeRequest(pluginAuthorizeQuery(), "sandbox");
      const form = await approve(engine.deps.db, req, "admin");
      assert.equal(form.action, req.redirect);
      const apiKey = form.fields.find(([n]) => n === "apiKey")![1];
      assert.deepEqual(
        form.fields.filter(([n]) => n !== "apiKey"),
        [
          ["userId", "admin"],
          ["permissions[]", `btcpay.store.canviewinvoices:${STORE_ID}`],
          ["permissions[]", `btcpay.store.cancreateinvoice:${STORE_ID}`],
          ["permissions[]", `btcpay.store.canviewstoresettings:${STORE_ID}`],
          ["permissions[]", `btcpay.store.canmodifyinvoices:${STORE_ID}`],
          ["permissions[]", `btcpay.store.cancreatenonapprovedpullpayments:${STORE_ID}`],
          ["permissions[]", `btcpay.store.webhooks.canmodifywebhooks:${STORE_ID}`],
        ],
      );
      const principal = await authenticateToken(
        engine.deps.db,
        null,
        new Request("http://x/", { headers: { authorization: `token ${apiKey}` } }),
      );
      assert.deepEqual(principal.scopes, ["checkouts:read", "checkouts:write", "refunds:offer", "webhooks:admin"]);
      const bearer = await refusal(
        authenticateToken(
          engine.deps.db,
          null,
          new Request("http://x/", { headers: { authorization: `Bearer ${apiKey}` } }),
        ),
      );
      assert.equal(bearer.status, 401);
      const html = formPostPage(form, "abc");
      assert.ok(html.includes(`action="${req.redirect!.replace(/&/g, "&amp;")}"`));
      assert.ok(html.includes('name="permissions[]"'));
      assert.ok(html.includes('<script nonce="abc">'));
    });

    it("marks an unpaid invoice Invalid by expiring its checkout, and refuses to mark it again", async () => {
      const made = await createGreenfieldInvoice(engine.deps, fixture.body, "10.00", DEFAULTS);
      const marked = await markInvoice(engine.deps, made.id, { status: "Invalid" });
      assert.equal(marked.status, "Invalid");
      assert.equal(marked.additionalStatus, "Marked");
      const [row] = await engine.deps.db.select().from(checkouts).where(eq(checkouts.id, made.id));
      assert.equal(row!.state, "expired");
      const again = await refusal(markInvoice(engine.deps, made.id, { status: "Invalid" }));
      assert.equal(again.status, 422);
      assert.equal((again.body as Array<{ path: string }>)[0]!.path, "status");
      const settled = await refusal(markInvoice(engine.deps, made.id, { status: "Settled" }));
      assert.equal(settled.status, 422);
    });
  });
}
