// BTCPay Greenfield compatibility against `next start`, replaying what btcpayserver-greenfield-php
// 2.x and BTCPay for WooCommerce V2 send (base <APP_URL>/greenfield, then /api/v1/…, header
// `Authorization: token KEY`, JSON bodies with string amounts and nulls; the client accepts only
// HTTP 200): the setup checks, an invoice created, read, paid in the sandbox and seen Settled,
// a webhook signed as the client's Webhook::isIncomingWebhookRequestValid checks it, a mark
// Invalid, errors in Greenfield's shape, the key approval's form POST, and /modal/btcpay.js on a
// shop page: the customer pays in the overlay and the shop hears {invoiceId, status}.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { EMBED_PORT } from "../playwright.config";
import { expectAccessible } from "./support/checkout";
import { confirmInPage, dashboardFetch, signIn } from "./support/dashboard";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const HOOK_PORT = PORT + 95; // as mail.spec's SMTP server: the two never run at once
const REDIRECT_PORT = PORT + 56;
const STORE = "bitfinex-checkout";
const KEY = "sk_sandbox_0123456789abcdefghijkl";
const fixture = JSON.parse(
  readFileSync(new URL("../test/fixtures/greenfield/woocommerce-create-invoice.json", import.meta.url), "utf8"),
) as { body: Record<string, unknown> };

// The client's request: base URL with trailing slashes trimmed, then "/api/v1/" and the path.
const gf = (path: string) => `/greenfield/api/v1/${path}`;
const headers = (key = KEY) => ({ "Content-Type": "application/json", Authorization: `token ${key}` });

interface Hit {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const servers: Server[] = [];
async function listen(port: number, respond: (hit: Hit) => string = () => "ok"): Promise<Hit[]> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const hit = { path: req.url ?? "/", headers: req.headers, body };
      hits.push(hit);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(respond(hit));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return hits;
}
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

// Webhook::isIncomingWebhookRequestValid, as its source computes it: 'sha256=' . hash_hmac('sha256', $body, $secret), hash_equals.
const clientAcceptsSig = (body: string, header: string, secret: string) => {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const got = Buffer.from(header);
  return body !== "" && expected.length === got.length && timingSafeEqual(expected, got);
};

async function createInvoice(request: APIRequestContext, orderId: string) {
  const res = await request.post(gf(`stores/${STORE}/invoices`), {
    headers: headers(),
    data: JSON.stringify({ ...fixture.body, metadata: { ...(fixture.body.metadata as object), orderId } }),
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { id: string; checkoutLink: string; status: string; amount: string };
}

/**
 * The customer pays the invoice in BTC (sandbox) until it reads Settled. An ECOMMERCE checkout:
 * Bitfinex needs the customer's details, which the payment page asks for.
 */
async function payInSandbox(request: APIRequestContext, invoiceId: string) {
  const started = await request.post(`/api/checkouts/${invoiceId}/payment`, {
    data: {
      payCurrency: "BTC",
      tosAccepted: true,
      customerInfo: {
        fullName: "Jane Doe",
        email: "jane@example.com",
        nationality: "DE",
        residCountry: "DE",
        residCity: "Berlin",
        residZipCode: "10115",
        residStreet: "Main Street 1",
      },
    },
  });
  expect(started.ok()).toBe(true);
  expect((await request.post(`/sandbox/control/invoices/${invoiceId}/pay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(
      async () =>
        (await (await request.get(gf(`stores/${STORE}/invoices/${invoiceId}`), { headers: headers() })).json()).status,
      { timeout: 15_000 },
    )
    .toBe("Settled");
}

test("the setup checks, an invoice paid and settled, its webhook signed, a mark Invalid, and errors as Greenfield's", async ({
  request,
  baseURL,
}) => {
  // Setup: stores (non-empty = the key works), server/info (version ≥ 1.7.6), api-keys/current, payment methods.
  const stores = await request.get(gf("stores"), { headers: headers() });
  expect(stores.status()).toBe(200);
  const [store] = (await stores.json()) as Array<{ id: string; name: string }>;
  expect(store!.id).toBe(STORE);
  expect((await request.get(gf(`stores/${STORE}`), { headers: headers() })).status()).toBe(200);
  const info = await (await request.get(gf("server/info"), { headers: headers() })).json();
  const [maj, min, patch] = String(info.version).split(".").map(Number);
  expect(maj! * 1e6 + min! * 1e3 + patch!).toBeGreaterThanOrEqual(1 * 1e6 + 7 * 1e3 + 6);
  const current = await (await request.get(gf("api-keys/current"), { headers: headers() })).json();
  for (const p of ["canviewinvoices", "cancreateinvoice", "canviewstoresettings", "canmodifyinvoices"])
    expect(current.permissions).toContain(`btcpay.store.${p}:${STORE}`);
  const methods = (await (
    await request.get(gf(`stores/${STORE}/payment-methods`), { headers: headers() })
  ).json()) as Array<{
    paymentMethod: string;
    enabled: boolean;
  }>;
  expect(methods.filter((m) => m.enabled).map((m) => m.paymentMethod)).toContain("BTC");
  // Our own /api/v1/api-keys/current is untouched (a separate base, no collision).
  const ours = await request.get("/api/v1/api-keys/current", { headers: { authorization: `Bearer ${KEY}` } });
  expect((await ours.json()).object).toBe("api_key");

  // A webhook for every event, as the WooCommerce plugin makes it (no secret given: one is made).
  const hooks = await listen(HOOK_PORT);
  const made = await request.post(gf(`stores/${STORE}/webhooks`), {
    headers: headers(),
    data: JSON.stringify({
      enabled: true,
      automaticRedelivery: true,
      url: `http://127.0.0.1:${HOOK_PORT}/?wc-api=btcpaygf_default`,
      authorizedEvents: {
        everything: false,
        specificEvents: [
          "InvoiceReceivedPayment",
          "InvoicePaymentSettled",
          "InvoiceProcessing",
          "InvoiceExpired",
          "InvoiceSettled",
          "InvoiceInvalid",
        ],
      },
    }),
  });
  expect(made.status()).toBe(200);
  const webhook = (await made.json()) as { id: string; secret: string; url: string };
  expect(webhook.secret.length).toBeGreaterThan(20);

  // Create: 200, a string amount back, the checkout link on our page.
  const invoice = await createInvoice(request, "1001");
  expect(invoice).toMatchObject({ amount: "42.50", status: "New" });
  expect(invoice.checkoutLink).toBe(`${baseURL}/i/${invoice.id}`);
  const link = await request.get(`/i/${invoice.id}`, { maxRedirects: 0 });
  expect(link.status()).toBe(303);
  expect(link.headers()["location"]).toBe(`${baseURL}/pay/${invoice.id}`);

  // The customer pays (sandbox); the invoice reads Settled, its payment method shows the payment.
  await payInSandbox(request, invoice.id);
  const pm = (await (
    await request.get(gf(`stores/${STORE}/invoices/${invoice.id}/payment-methods`), { headers: headers() })
  ).json()) as Array<{ paymentMethod: string; paymentMethodPaid: string; payments: unknown[] }>;
  const btc = pm.find((m) => m.paymentMethod === "BTC")!;
  expect(Number(btc.paymentMethodPaid)).toBeGreaterThan(0);
  expect(btc.payments.length).toBe(1);

  // The webhook: InvoiceSettled arrives, signed so the client's check passes.
  await expect.poll(() => hooks.map((h) => JSON.parse(h.body).type), { timeout: 20_000 }).toContain("InvoiceSettled");
  for (const hit of hooks) {
    expect(clientAcceptsSig(hit.body, String(hit.headers["btcpay-sig"]), webhook.secret)).toBe(true);
    expect(JSON.parse(hit.body)).toMatchObject({ invoiceId: invoice.id, storeId: STORE, webhookId: webhook.id });
  }
  const settled = JSON.parse(hooks.find((h) => JSON.parse(h.body).type === "InvoiceSettled")!.body);
  expect(settled.metadata.orderId).toBe("1001");

  // Mark Invalid (the plugin does it when a customer pays an order again): an unpaid invoice only.
  const second = await createInvoice(request, "1002");
  const marked = await request.post(gf(`stores/${STORE}/invoices/${second.id}/status`), {
    headers: headers(),
    data: JSON.stringify({ status: "Invalid" }),
  });
  expect(marked.status()).toBe(200);
  expect(await marked.json()).toMatchObject({ status: "Invalid", additionalStatus: "Marked" });
  const refused = await request.post(gf(`stores/${STORE}/invoices/${invoice.id}/status`), {
    headers: headers(),
    data: JSON.stringify({ status: "Invalid" }),
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json())[0].path).toBe("status");
  await expect.poll(() => hooks.map((h) => JSON.parse(h.body).type), { timeout: 20_000 }).toContain("InvoiceInvalid");

  // Errors as Greenfield sends them.
  const anonymous = await request.get(gf("stores"));
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).code).toBe("unauthenticated");
  const otherStore = await request.get(gf("stores/nope/invoices/x"), { headers: headers() });
  expect(otherStore.status()).toBe(404);
  expect((await otherStore.json()).code).toBe("store-not-found");
  const bad = await request.post(gf(`stores/${STORE}/invoices`), {
    headers: headers(),
    data: JSON.stringify({ amount: "-1", currency: "EUR", metadata: null, checkout: null }),
  });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toEqual([{ path: "amount", message: expect.any(String) }]);
  const del = await request.delete(gf(`stores/${STORE}/webhooks/${webhook.id}`), { headers: headers() });
  expect(del.status()).toBe(200);
});

test("the plugin's 'Generate API key': the merchant approves, the key is form-POSTed to the shop and works", async ({
  page,
  request,
}) => {
  const posts = await listen(REDIRECT_PORT, () => "<!doctype html><title>Shop settings</title><p>Key received</p>");
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
  q.set("applicationName", "Mug Shop");
  q.set("strict", "true");
  q.set("selectiveStores", "true");
  q.set("redirect", `http://127.0.0.1:${REDIRECT_PORT}/wp-admin/admin.php?page=wc-settings&tab=btcpay_settings`);
  await signIn(page);
  await page.goto(`/greenfield/api-keys/authorize?${q}`);
  await expect(page.getByRole("heading", { name: "Connect Mug Shop" })).toBeVisible();
  await expect(page.getByText("Create checkouts for orders")).toBeVisible();
  await expect(page.getByText(/Offer a customer a refund as a link.*until you approve it/)).toBeVisible();
  await expect(page.getByText(/not offered here/)).toHaveCount(0);
  await expect(
    page.getByText(/cannot send money on its own \(a refund it offers goes out only when you approve it\)/),
  ).toBeVisible();
  await expectAccessible(page, "greenfield key approval");
  await page.screenshot({ path: "test-results/greenfield-authorize-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/greenfield-authorize-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Approve and send the key" }).click();
  await expect(page.getByText("Key received")).toBeVisible();
  const arrived = posts.filter((p) => p.path.startsWith("/wp-admin/")); // not the browser's favicon request
  expect(arrived).toHaveLength(1);
  expect(arrived[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  const form = new URLSearchParams(arrived[0]!.body);
  expect(form.getAll("permissions[]")).toEqual([
    `btcpay.store.canviewinvoices:${STORE}`,
    `btcpay.store.cancreateinvoice:${STORE}`,
    `btcpay.store.canviewstoresettings:${STORE}`,
    `btcpay.store.canmodifyinvoices:${STORE}`,
    `btcpay.store.cancreatenonapprovedpullpayments:${STORE}`,
    `btcpay.store.webhooks.canmodifywebhooks:${STORE}`,
  ]);
  expect(form.get("userId")).toBeTruthy();
  const apiKey = form.get("apiKey")!;
  const stores = await request.get(gf("stores"), { headers: headers(apiKey) });
  expect(stores.status()).toBe(200);
});

test("a shop page opens the invoice with /modal/btcpay.js; the customer pays in the overlay; the shop hears {invoiceId, status}", async ({
  page,
  request,
  baseURL,
}) => {
  const invoice = await createInvoice(request, "1003");
  const shop = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mug Shop checkout</title>
<script src="${baseURL}/greenfield/modal/btcpay.js"></script></head>
<body><main><h1>Mug Shop</h1><p>Order 1003</p><button id="pay">Place order</button></main>
<script>
  window.heard = [];
  document.getElementById("pay").addEventListener("click", function () {
    window.btcpay.setApiUrlPrefix(${JSON.stringify(`${baseURL}/greenfield`)});
    window.btcpay.showInvoice(${JSON.stringify(invoice.id)});
    window.btcpay.onModalReceiveMessage(function (event) { window.heard.push(event.data); });
  });
</script></body></html>`;
  await listen(EMBED_PORT, () => shop);
  await page.goto(`http://127.0.0.1:${EMBED_PORT}/`);
  await page.getByRole("button", { name: "Place order" }).click();
  const heard = () => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
  await expect.poll(heard, { timeout: 15_000 }).toEqual(["loaded", { invoiceId: invoice.id, status: "New" }]);
  const frame = page.frameLocator('iframe[name="btcpay"]');
  await frame.getByRole("radio", { name: /^Bitcoin$/ }).check();
  // The customer's details, as on any ECOMMERCE checkout (Bitfinex asks for them).
  const form = frame.getByRole("form", { name: "Your details" });
  await form.getByLabel("Full name").fill("Jane Doe");
  await form.getByLabel("Email").fill("jane@example.com");
  await form.getByLabel("Nationality").selectOption("DE");
  await form.getByLabel("Country of residence").selectOption("DE");
  await form.getByLabel("City").fill("Berlin");
  await form.getByLabel("Postcode").fill("10115");
  await form.getByLabel("Street").fill("Main Street 1");
  await form.getByLabel(/I agree/).check();
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(frame.getByTestId("qr")).toBeVisible();
  await page.screenshot({ path: "test-results/greenfield-modal-desktop.png" });
  expect((await request.post(`/sandbox/control/invoices/${invoice.id}/pay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(async () => (await heard()).at(-1), { timeout: 20_000 })
    .toEqual({ invoiceId: invoice.id, status: "Settled" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/greenfield-modal-phone.png" });
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.locator("[data-btcpay-modal]")).toHaveCount(0);
  expect((await heard()).at(-1)).toBe("close");
});

const pullPayment = JSON.parse(
  readFileSync(new URL("../test/fixtures/greenfield/woocommerce-create-pull-payment.json", import.meta.url), "utf8"),
) as { bodyText: string; headers: Record<string, string> };
const pullPaymentData = JSON.parse(
  readFileSync(new URL("../test/fixtures/greenfield/btcpay-pull-payment-data.json", import.meta.url), "utf8"),
) as { fields: Record<string, string>; notFound: { status: number; body: unknown } };
/** The client's headers for the pull payment, with `key` in its `Authorization: token …`. */
const pullPaymentHeaders = (key: string) =>
  Object.fromEntries(Object.entries(pullPayment.headers).map(([n, v]) => [n, v.replace("{apiKey}", key)]));
const CUSTOMER_BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

test("the plugin's refund: a pull payment whose view link takes the customer's address on a phone; the merchant approves; sent once", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const invoice = await createInvoice(request, "2001");
  await payInSandbox(request, invoice.id);
  // The plugin's request, byte for byte as its PHP client writes it, for order 2001 (10.00 of 42.50 EUR).
  const bytes = pullPayment.bodyText.replace("order 1234;", "order 2001;");
  expect(bytes).toContain('"name":"Refund of order 2001; wrong size\\/colour"');
  const create = (key: string, body = bytes) =>
    request.post(gf(`stores/${STORE}/pull-payments`), { headers: pullPaymentHeaders(key), data: body });

  // Keys: one with the invoice permissions only, one as the authorize page makes it for the plugin.
  await signIn(page);
  const makeKey = async (name: string, scopes: string[]) => {
    const made = await dashboardFetch(page, "/api/dashboard/api-keys", "POST", { name, scopes });
    expect(made.status).toBe(201);
    return (made.json as { key: string }).key;
  };
  const invoicesOnly = await makeKey("shop without refunds", ["checkouts:read", "checkouts:write"]);
  const plugin = await makeKey("shop", ["checkouts:read", "checkouts:write", "refunds:offer", "webhooks:admin"]);
  // The plugin's setup check sees the optional refund permission only on the second.
  const permissionsOf = async (key: string) =>
    ((await (await request.get(gf("api-keys/current"), { headers: headers(key) })).json()) as { permissions: string[] })
      .permissions;
  expect(await permissionsOf(invoicesOnly)).not.toContain(`btcpay.store.cancreatenonapprovedpullpayments:${STORE}`);
  expect(await permissionsOf(plugin)).toContain(`btcpay.store.cancreatenonapprovedpullpayments:${STORE}`);
  // Refused as BTCPay refuses them: 403 naming the permission.
  const denied = await create(invoicesOnly);
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toMatchObject({
    code: "missing-permission",
    missingPermission: "btcpay.store.cancreatenonapprovedpullpayments",
  });
  const auto = await create(plugin, bytes.replace('"autoApproveClaims":false', '"autoApproveClaims":true'));
  expect(auto.status()).toBe(403);
  expect((await auto.json()).missingPermission).toBe("btcpay.store.cancreatepullpayments");
  // More than was paid: 422 on Amount, in both currencies.
  const over = await create(plugin, bytes.replace('"amount":"10.00"', '"amount":"50.00"'));
  expect(over.status()).toBe(422);
  const [problem] = (await over.json()) as Array<{ path: string; message: string }>;
  expect(problem!.path).toBe("Amount");
  expect(problem!.message).toMatch(/at most 0\.\d+ BTC \(42\.50 EUR at the invoice's rate\) can be refunded/);

  // The plugin's request: HTTP 200, BTCPay's PullPaymentData; it reads id and viewLink.
  const res = await create(plugin);
  expect(res.status()).toBe(200);
  const made = (await res.json()) as Record<string, unknown> & { id: string; viewLink: string };
  expect(Object.keys(made)).toEqual(Object.keys(pullPaymentData.fields));
  expect(made).toMatchObject({
    name: "Refund of order 2001; wrong size/colour",
    description: null,
    amount: "10.00",
    currency: "EUR",
    autoApproveClaims: false,
    archived: false,
    BOLT11Expiration: 30,
  });
  expect(made.viewLink).toBe(`${baseURL}/refund/${made.id}`);
  // Read back without a key, as BTCPay serves it; an unknown id is its 404.
  const read = await request.get(gf(`pull-payments/${made.id}`));
  expect(read.status()).toBe(200);
  expect(await read.json()).toEqual(made);
  const unknown = await request.get(gf(`pull-payments/${"A".repeat(43)}`));
  expect(unknown.status()).toBe(pullPaymentData.notFound.status);
  expect(await unknown.json()).toEqual(pullPaymentData.notFound.body);

  // The customer opens the view link on a phone: the refund in the coin paid, their address.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const customer = await phone.newPage();
  await customer.goto(made.viewLink);
  await expect(customer.getByTestId("claim-amount")).toHaveText(/^0\.\d+ BTC$/);
  const coin = (await customer.getByTestId("claim-amount").textContent())!.replace(" BTC", "");
  await expectAccessible(customer, "claim page from a pull payment's view link");
  await customer.screenshot({ path: "test-results/greenfield-refund-claim-phone.png", fullPage: true });
  await customer.getByLabel(/Your BTC address/).fill(CUSTOMER_BTC);
  await customer.getByRole("button", { name: "Continue" }).click();
  await expect(customer.getByTestId("claim-confirm-address")).toHaveText(CUSTOMER_BTC);
  await customer.getByRole("button", { name: "Confirm address" }).click();
  await expect(customer.getByTestId("claim-status")).toHaveAttribute("data-status", "claimed");
  await customer.screenshot({ path: "test-results/greenfield-refund-claim-phone-done.png", fullPage: true });
  await phone.close();
  const sentFor = async () =>
    (
      (await (await request.get("/sandbox/control/state")).json()).refunds as Array<{
        orderId: string;
        address: string;
      }>
    ).filter((r) => r.orderId === invoice.id);
  expect(await sentFor()).toHaveLength(0); // autoApproveClaims false: waits for the merchant

  // The merchant approves in the dashboard: sent once.
  await page.goto(`/dashboard/checkouts/${invoice.id}`);
  const claims = page.locator("section", { has: page.getByRole("heading", { name: "Refund claims" }) });
  await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "claimed");
  await expect(claims.getByTestId("claim-row")).toContainText(
    "by a BTCPay plugin: “Refund of order 2001; wrong size/colour” — waits for your approval",
  );
  await expectAccessible(page, "checkout with a plugin's claim");
  await page.screenshot({ path: "test-results/greenfield-refund-claim-dashboard.png", fullPage: true });
  const approving = page.waitForRequest((r) => /\/refund-claims\/rc_[a-z2-7]+\/approve$/.test(r.url()));
  await claims.getByRole("button", { name: `Approve: send ${coin} BTC` }).click();
  await confirmInPage(page, `Approve: send ${coin} BTC`);
  const approveUrl = new URL((await approving).url()).pathname;
  await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "sent");
  const sent = await sentFor();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.address).toBe(CUSTOMER_BTC);
  // Approving again, or the customer claiming again, sends nothing more.
  const again = await dashboardFetch(page, approveUrl, "POST", {});
  expect(again.status).toBe(200);
  expect((again.json as { status: string }).status).toBe("sent");
  const reclaim = await request.post(`/api/refund-claims/${made.id}`, { data: { address: CUSTOMER_BTC } });
  expect(reclaim.status()).toBe(409);
  expect(await sentFor()).toHaveLength(1);
  // The pull payment reads the same; the invoice's remaining refundable amount shrank.
  expect((await (await request.get(gf(`pull-payments/${made.id}`))).json()).archived).toBe(false);
});
