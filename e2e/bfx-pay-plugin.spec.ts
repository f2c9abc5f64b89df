// Bitfinex Pay's own WooCommerce plugin (3.2.1), pointed at this app by its "Api url" and "Redirect url"
// settings: its calls replayed byte for byte as its PHP builds them (e2e/fixtures/bfx-pay-woocommerce.ts),
// against the real server. Status, create (a customer name PHP escapes as \uXXXX), the customer
// pays on our page, the plugin's webhook gets the orderId once, the re-fetch and the cron's
// windows see COMPLETED with the payment; and the refusals Bitfinex would answer.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createBody,
  cronWindows,
  DEFAULT_DURATION,
  PATHS,
  pluginNonce,
  phpJsonEncode,
  signedRequest,
} from "./fixtures/bfx-pay-woocommerce";
import { auth, expectAccessible, pick } from "./support/checkout";
import { signIn } from "./support/dashboard";

interface Key {
  id: string;
  apiKey: string;
  secret: string;
  apiUrl: string;
  redirectUrl: string;
}

async function newKey(request: APIRequestContext, name: string): Promise<Key> {
  const res = await request.post("/api/v1/bfx-pay-keys", { headers: auth, data: { name } });
  expect(res.status()).toBe(201);
  return res.json();
}

/** The shop's `?wc-api=bitfinex` endpoint on 127.0.0.1: records each request, answers `true` as the plugin does. */
function startShop() {
  const received: Array<{ body: string; headers: IncomingHttpHeaders; url: string }> = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, headers: req.headers, url: req.url ?? "" });
      res.end("true");
    });
  });
  return new Promise<{ site: string; received: typeof received; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        site: `http://127.0.0.1:${port}/`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

function call(request: APIRequestContext, key: Key, path: string, body: unknown, nonce = pluginNonce()) {
  const r = signedRequest({ apiUrl: key.apiUrl, path, apiKey: key.apiKey, secret: key.secret, body, nonce });
  return { send: () => request.post(r.url, { headers: r.headers, data: r.body }), ...r };
}

const billing = {
  country: "DE",
  city: "München",
  state: "",
  postcode: "80331",
  address1: "Marienplatz 8",
  fullName: "Jürgen Łukasz Müller",
  email: "juergen@example.com",
};

test("the plugin's calls, byte for byte: status, create, pay, webhook once, re-fetch and cron see COMPLETED", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const shop = await startShop();
  try {
    const key = await newKey(request, "WooCommerce shop");
    expect(key.apiUrl).toMatch(/^http:\/\/localhost:\d+\/bfx\/$/);
    expect(key.redirectUrl).toBe(key.apiUrl + "order/");
    expect(key.secret.length).toBeGreaterThanOrEqual(32);

    // process_payment: the status first, refused unless json_decode(...)[0] === 1.
    const status = await request.get(new URL(PATHS.status, key.apiUrl).toString());
    expect(status.status()).toBe(200);
    expect(await status.text()).toBe("[1]");

    const orderId = 1000 + Math.floor(Math.random() * 1_000_000);
    const body = createBody({
      total: "25.00",
      currency: "EUR",
      payCurrencies: ["BTC", "LNX", "UST-TRX", "MATIC"],
      orderId,
      duration: String(DEFAULT_DURATION),
      site: shop.site,
      orderReceivedUrl: `${shop.site}checkout/order-received/${orderId}/?key=wc_order_abc`,
      billing,
    });
    const create = call(request, key, PATHS.create, body);
    // What PHP sends: slashes as they are, non-ASCII as \uXXXX.
    expect(create.body).toContain('"webhook":"http://127.0.0.1:');
    expect(create.body).toContain('"fullName":"J\\u00fcrgen \\u0141ukasz M\\u00fcller"');
    expect(create.url).toBe(`${key.apiUrl}${PATHS.create}`);
    const created = await create.send();
    expect(created.status()).toBe(200);
    const invoice = await created.json();
    expect(invoice).toMatchObject({
      orderId: `${orderId}`,
      currency: "EUR",
      amount: 25,
      status: "CREATED",
      type: "ECOMMERCE",
      duration: DEFAULT_DURATION,
      payCurrencies: ["BTC", "LNX", "UST-TRX"],
      webhook: `${shop.site}?wc-api=bitfinex`,
    });
    expect(invoice.customerInfo.fullName).toBe("Jürgen Łukasz Müller");
    // A replay of the same signed request (same nonce) makes nothing new.
    const replay = await create.send();
    expect(replay.status()).toBe(200);
    expect((await replay.json()).id).toBe(invoice.id);
    // Another customer in the same second (same nonce, another order) gets their own invoice.
    const other = call(request, key, PATHS.create, { ...body, orderId: `${orderId + 1}` }, create.headers["bfx-nonce"]);
    const otherInvoice = await (await other.send()).json();
    expect(otherInvoice.id).not.toBe(invoice.id);

    // The plugin sends the customer to redirect_url . id: our payment page.
    const redirect = await request.get(key.redirectUrl + invoice.id, { maxRedirects: 0 });
    expect(redirect.status()).toBe(303);
    expect(redirect.headers()["location"]).toMatch(new RegExp(`/pay/${invoice.id}$`));
    await page.goto(key.redirectUrl + invoice.id);
    await expect(page).toHaveURL(new RegExp(`/pay/${invoice.id}$`));
    await pick(page, /^Bitcoin$/);
    expect((await request.post(`/sandbox/control/invoices/${invoice.id}/pay`, { data: {} })).status()).toBe(200);
    await expect(page.getByRole("heading", { name: /paid|received|thank/i }).first()).toBeVisible({ timeout: 20_000 });

    // The plugin's webhook: Bitfinex's body, unsigned, with the plugin's own orderId.
    await expect.poll(() => shop.received.length, { timeout: 20_000 }).toBe(1);
    const hook = shop.received[0]!;
    expect(hook.url).toBe("/?wc-api=bitfinex");
    const hookBody = JSON.parse(hook.body);
    expect(hookBody).toMatchObject({ id: invoice.id, orderId: `${orderId}`, status: "COMPLETED", type: "ECOMMERCE" });
    expect(hookBody.payment).toMatchObject({ currency: "BTC", status: "COMPLETED" });
    expect(Object.keys(hook.headers).filter((h) => /signature/i.test(h))).toEqual([]);

    // The plugin re-fetches by id and trusts only that.
    const refetch = await call(request, key, PATHS.invoices, { id: invoice.id }).send();
    expect(refetch.status()).toBe(200);
    const [fetched] = await refetch.json();
    expect(fetched).toMatchObject({ id: invoice.id, orderId: `${orderId}`, status: "COMPLETED" });
    expect(fetched.payment.txid).toBeTruthy();
    expect(typeof fetched.payment.amount).toBe("number");
    expect(fetched.payment.currency).toBe("BTC");
    expect(fetched.invoices).toHaveLength(1);
    // The amount is written as Bitfinex writes it: a JSON number, digit for digit.
    expect(await refetch.text()).toMatch(/"amount":25,/);

    // The cron: 13 windows within one second, all with one nonce; one of them finds the order.
    const nonce = pluginNonce();
    const found: Array<{ orderId: string; status: string }> = [];
    const windows = cronWindows(Date.now());
    expect(windows).toHaveLength(13);
    for (const w of windows) {
      const res = await call(request, key, PATHS.invoices, w, nonce).send();
      expect(res.status()).toBe(200);
      found.push(...(await res.json()));
    }
    expect(found.filter((i) => i.orderId === `${orderId}`)).toEqual([
      expect.objectContaining({ orderId: `${orderId}`, status: "COMPLETED" }),
    ]);
    expect(found.some((i) => i.orderId === `${orderId + 1}`)).toBe(true);
    // Still one webhook call.
    expect(shop.received).toHaveLength(1);
  } finally {
    await shop.close();
  }
});

test("refused as Bitfinex refuses: bad signature, old nonce, unknown and revoked keys; another key's invoice is not listed", async ({
  request,
}) => {
  const a = await newKey(request, "shop A");
  const b = await newKey(request, "shop B");
  const body = createBody({
    total: "12.50",
    currency: "USD",
    payCurrencies: ["BTC"],
    orderId: 77,
    duration: "86399",
    site: "http://127.0.0.1:9/",
    orderReceivedUrl: "http://127.0.0.1:9/order-received/77/",
    billing,
  });
  const nonce = pluginNonce();
  const invoice = await (await call(request, a, PATHS.create, body, nonce).send()).json();
  expect(invoice.status).toBe("CREATED");

  const expectError = async (
    res: Awaited<ReturnType<APIRequestContext["post"]>>,
    code: number | null,
    message: string,
  ) => {
    expect(res.status()).toBe(500);
    expect(await res.text()).toBe(phpJsonEncode(["error", code, message]));
  };
  const tampered = call(request, a, PATHS.invoices, { id: invoice.id });
  await expectError(
    await request.post(tampered.url, {
      headers: {
        ...tampered.headers,
        "bfx-signature": tampered.headers["bfx-signature"].replace(/^./, (c) => (c === "a" ? "b" : "a")),
      },
      data: tampered.body,
    }),
    10100,
    "apikey: digest invalid",
  );
  await expectError(
    await call(request, a, PATHS.invoices, { id: invoice.id }, String(BigInt(nonce) - 1_000_000n)).send(),
    10114,
    "nonce: small",
  );
  await expectError(
    await call(request, { ...a, apiKey: "bpk_unknown", secret: "x" }, PATHS.invoices, { id: invoice.id }).send(),
    10100,
    "apikey: invalid",
  );
  // Key B does not see key A's invoice, by id or in a window.
  expect(await (await call(request, b, PATHS.invoices, { id: invoice.id }).send()).json()).toEqual([]);
  const window = { start: Date.now() - 3_600_000, end: Date.now() + 1000, limit: 100 };
  expect(
    (await (await call(request, b, PATHS.invoices, window).send()).json()).map((i: { id: string }) => i.id),
  ).not.toContain(invoice.id);
  // Pay currencies this app does not offer: a sentence a customer can read, naming them.
  await expectError(
    await call(request, a, PATHS.create, { ...body, orderId: "78", payCurrencies: ["MATIC", "MATICM"] }).send(),
    null,
    "ERR_CREATE_INVOICE: Paying with MATIC, MATICM is not available at this shop. Please choose another payment method.",
  );
  // Revoked: refused at once.
  expect((await request.delete(`/api/v1/bfx-pay-keys/${a.id}`, { headers: auth })).status()).toBe(200);
  await expectError(await call(request, a, PATHS.invoices, { id: invoice.id }).send(), 10100, "apikey: invalid");
});

test("dashboard WooCommerce page: a plugin key with the four values to paste, the settings explained, the plugin's orders", async ({
  page,
}) => {
  await signIn(page, "/dashboard/woocommerce");
  await expect(page.getByRole("heading", { name: "WooCommerce", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill("My WooCommerce shop");
  await page.getByRole("button", { name: "Create plugin key" }).click();
  await expect(page.getByTestId("plugin-api-url")).toHaveText(/^http:\/\/localhost:\d+\/bfx\/$/);
  await expect(page.getByTestId("plugin-redirect-url")).toHaveText(/\/bfx\/order\/$/);
  await expect(page.getByTestId("plugin-api-secret")).toHaveText(/^bps_/);
  const apiKey = (await page.getByTestId("plugin-api-key").textContent())!;
  await expectAccessible(page, "woocommerce page with a new key");
  await page.screenshot({ path: "test-results/woocommerce-desktop.png", fullPage: true });
  await page.reload();
  await expect(page.getByRole("cell", { name: apiKey })).toBeVisible();
  // The secret is not shown again.
  await expect(page.getByTestId("plugin-api-secret")).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/woocommerce-phone.png", fullPage: true });
});
