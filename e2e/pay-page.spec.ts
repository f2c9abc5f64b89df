// The customer's payment screen in Chromium: pick a currency, see the QR and exact amount, copy,
// watch the status change as the sandbox pays, and return to the merchant. Also a phone-sized
// view, dark mode, right-to-left Arabic, Lightning, a part payment and expiry.
import { expect, test } from "@playwright/test";
import { auth, decodeQr, expectAccessible, newCheckout, pick } from "./support/checkout";

test("pay in BTC: QR with a BIP21 URI, copy feedback, live status, then back to the merchant", async ({
  page,
  request,
  baseURL,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const checkout = await newCheckout(request, {
    redirectUrl: `${baseURL}/?from=checkout`,
    payCurrencies: ["BTC", "LNX", "UST-TRX"],
  });
  await page.goto(`/pay/${checkout.id}`);
  await expect(page.getByTestId("fiat-total")).toContainText("$25.00");
  await expect(page.getByText("Two ceramic mugs")).toBeVisible();
  await expect(page.getByTestId("countdown")).toContainText(/Expires in 1[45]:\d\d/);
  await pick(page, /^Bitcoin$/);
  const qr = await page.getByTestId("qr").getAttribute("data-qr");
  const amount = (await page.getByTestId("pay-amount").textContent())!;
  const address = (await page.getByTestId("pay-address").textContent())!;
  expect(qr).toBe(`bitcoin:${address}?amount=${amount}`);
  expect(amount).toBe("0.00025");
  await page.getByRole("button", { name: "Copy address" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
  await page.screenshot({ path: "test-results/pay-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: "test-results/pay-phone.png", fullPage: true });

  // A reload shows the same invoice: nothing new is created.
  await page.reload();
  await expect(page.getByTestId("pay-address")).toHaveText(address);

  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: "test-results/pay-paid-phone.png", fullPage: true });
  await expect(page.getByText(/Returning to Sandbox Shop in \d s/)).toBeVisible();
  await page.waitForURL((url) => url.searchParams.get("status") === "paid", { timeout: 10_000 });
  const back = new URL(page.url());
  expect(back.searchParams.get("from")).toBe("checkout");
  expect(back.searchParams.get("checkout_id")).toBe(checkout.id);
});

test("Lightning: lightning: + the BOLT11 in upper case, a wallet link, paid, then back to the merchant", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const checkout = await newCheckout(request, { payCurrencies: ["LNX", "BTC"], redirectUrl: `${baseURL}/?ln=1` });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Lightning$/);
  // The invoice is shortened on screen (start…end); the whole of it is what is copied and encoded.
  const invoice = (await page.getByTestId("pay-invoice").getAttribute("data-value"))!;
  await expect(page.getByTestId("pay-invoice")).toHaveText(`${invoice.slice(0, 14)}…${invoice.slice(-8)}`);
  expect(invoice).toMatch(/^lnbcrt/);
  expect(await page.getByTestId("qr").getAttribute("data-qr")).toBe(`lightning:${invoice.toUpperCase()}`);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", `lightning:${invoice}`);
  // The wallet pays the BOLT11; Bitfinex sends no webhook for Lightning deposits, so the
  // reconciler finds it (sooner while the page is watched).
  const paid = await request.post(`/sandbox/control/invoices/${invoice}/pay`, { data: {} });
  expect(paid.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 40_000 });
  await page.waitForURL((url) => url.searchParams.get("ln") === "1" && url.searchParams.get("status") === "paid", {
    timeout: 15_000,
  });
});

test("USDt on Tron: the network in words and a warning that other networks lose funds", async ({ page, request }) => {
  const checkout = await newCheckout(request, { payCurrencies: ["UST-TRX", "UST-ETH"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /USDt · Tron \(TRC-20\)/);
  await expect(page.getByRole("note")).toHaveText(/Send USDt on the Tron \(TRC-20\) network only/);
  const address = (await page.getByTestId("pay-address").textContent())!;
  expect(await page.getByTestId("qr").getAttribute("data-qr")).toBe(address);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveCount(0);
});

test("a part payment shows what is still due with a new QR", async ({ page, request }) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  await request.post(`/sandbox/control/invoices/${checkout.id}/underpay`, { data: { fraction: "0.4" } });
  await expect(page.getByText("Part of the payment arrived")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("0.0001 BTC received. Please send the remaining 0.00015 BTC.")).toBeVisible();
  await expect(page.getByTestId("pay-amount")).toHaveText("0.00015");
  expect(await page.getByTestId("qr").getAttribute("data-qr")).toMatch(/\?amount=0\.00015$/);
  await page.screenshot({ path: "test-results/pay-underpaid.png", fullPage: true });
  await expectAccessible(page, "underpaid");
});

test("underpaid after switching: the screen follows the money (the coin paid, what arrived, the rest, its QR and fiat value), then the rest is paid", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  const btcAddress = (await page.getByTestId("pay-address").textContent())!;
  // The customer looks at USDt on Tron, then pays 40% of the Bitcoin amount from a wallet.
  await pick(page, /USDt · Tron/);
  await expect(page.getByTestId("pay-amount")).toHaveText("25");
  expect(
    (
      await request.post(`/sandbox/control/invoices/${checkout.id}/underpay`, {
        data: { payCurrency: "BTC", fraction: "0.4" },
      })
    ).status(),
  ).toBe(200);
  await expect(page.getByText("0.0001 BTC received. Please send the remaining 0.00015 BTC.")).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("pay-amount")).toHaveText("0.00015");
  await expect(page.getByTestId("pay-address")).toHaveText(btcAddress);
  expect(await decodeQr(page)).toBe(`bitcoin:${btcAddress}?amount=0.00015`);
  // The fiat value is of the rest ($15.00 of $25.00), not of the whole order.
  await expect(page.getByTestId("pay-fiat")).toContainText("≈ $15.00");
  await expect(page.getByText(/Tron/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/pay-underpaid-switched.png", fullPage: true });
  await expectAccessible(page, "underpaid after switching");
  // The rest arrives in the same coin: paid.
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: { payCurrency: "BTC" } });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 20_000 });
});

test("expiry: its own screen, never the success redirect; a link checkout can start again", async ({
  page,
  request,
  baseURL,
}) => {
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Mug", amount: "9.00", currency: "USD", redirectUrl: `${baseURL}/` },
    })
  ).json();
  await page.goto(`/l/${link.id}`);
  await expect(page).toHaveURL(/\/pay\/co_/);
  const first = page.url().split("/pay/")[1]!;
  await pick(page, /^Bitcoin$/);
  await request.post(`/sandbox/control/checkouts/${first}/expire-now`);
  await expect(page.getByRole("heading", { name: "This payment has expired" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Returning to")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Back to the shop" })).toHaveAttribute("href", /status=expired/);
  await page.getByRole("button", { name: "Start again" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/pay/co_") && !url.pathname.endsWith(first));
  await expect(page.getByRole("radio", { name: /^Bitcoin$/ })).toBeVisible();
});

test("Arabic, right to left, with the customer's number formats; dark mode", async ({ browser, request }) => {
  const checkout = await newCheckout(request, { currency: "EUR", amount: "234.50" });
  const context = await browser.newContext({
    locale: "ar",
    extraHTTPHeaders: { "accept-language": "ar,en;q=0.5" },
    colorScheme: "dark",
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto(`/pay/${checkout.id}`);
  const root = page.locator("[dir]").first();
  await expect(root).toHaveAttribute("dir", "rtl");
  await expect(root).toHaveAttribute("lang", "ar");
  // Whatever the browser's Intl says for Arabic (digits and separators), not an English format.
  const expected = await page.evaluate(() =>
    new Intl.NumberFormat("ar", { style: "currency", currency: "EUR" }).format(234.5),
  );
  await expect(page.getByTestId("fiat-total")).toContainText(expected);
  await expect(page.getByText("الإجمالي", { exact: false })).toBeAttached();
  await page.getByRole("radio").first().check();
  await expect(page.getByTestId("qr")).toBeVisible();
  await page.screenshot({ path: "test-results/pay-arabic-dark-phone.png", fullPage: true });
  await expectAccessible(page, "Arabic, dark, phone");
  // Switching language is remembered.
  await page.getByLabel(/اللغة|Language/).selectOption("de");
  await expect(page.locator("[dir]").first()).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("fiat-total")).toContainText("234,50 €");
  // The page reloads in German; the customer is still on the language menu.
  await expect(page.getByLabel("Sprache")).toBeFocused();
  await context.close();
});

test("no request fails and nothing is logged as an error: the app has an icon (/favicon.ico and the page's own)", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  const failed: string[] = [];
  const errors: string[] = [];
  page.on("response", (res) => {
    if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect((await request.get(icon!)).status()).toBe(200);
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});

test("an unknown checkout is a 404", async ({ page }) => {
  const res = await page.goto("/pay/co_aaaaaaaaaaaaaaaaaaaaaaaaaa");
  expect(res!.status()).toBe(404);
});

test("locked down: scripts run only with the request's nonce, an injected inline script does not, the page still works", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "LNX"] });
  // A script slipped into the HTML on its way (what an injection would be): no nonce, so it must not run.
  await page.route(`**/pay/${checkout.id}`, async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace("</body>", "<script>window.injected = true</script></body>");
    await route.fulfill({ response: res, body });
  });
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/.test(m.text())) blocked.push(m.text());
  });
  const res = await page.goto(`/pay/${checkout.id}`);
  const csp = res!.headers()["content-security-policy"]!;
  const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  // Every script the server wrote carries this request's nonce (the browser hides the attribute, not the property).
  const nonces = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(nonces.filter((n) => n !== nonce)).toEqual([""]); // the injected one only
  // The page came to life (React and SWR run) and the injected script did not.
  await pick(page, /^Bitcoin$/);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  expect(blocked.length).toBeGreaterThan(0);
  // A second request gets another nonce.
  const again = (await request.get(`/pay/${checkout.id}`)).headers()["content-security-policy"]!;
  expect(again).not.toContain(nonce);
  // Every other page too: the sign-in page, the dashboard (behind it) and the payment link form.
  for (const path of ["/signin", "/", "/dashboard"]) {
    const other = (await request.get(path, { maxRedirects: 0 })).headers()["content-security-policy"]!;
    expect(/script-src ([^;]+)/.exec(other)![1], path).toMatch(/^'self' 'nonce-[^']+' 'strict-dynamic'$/);
  }
  // Next's script files are named by their content, so browsers may keep them a year.
  const src = await page.locator("script[src]").first().getAttribute("src");
  expect((await request.get(src!)).headers()["cache-control"]).toContain("immutable");
});

test("without JavaScript the customer still sees the order, the time left and a started payment's QR and address", async ({
  browser,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/pay/${checkout.id}`);
  await expect(page.getByTestId("fiat-total")).toContainText("$25.00");
  await expect(page.getByTestId("countdown")).toHaveText(/Expires in 1[45]:\d\d/);
  await expect(page.getByRole("radio", { name: /^Bitcoin$/ })).toBeChecked();
  await expect(page.getByTestId("qr")).toBeVisible();
  expect(await decodeQr(page)).toBe(
    `bitcoin:${await page.getByTestId("pay-address").textContent()}?amount=${await page.getByTestId("pay-amount").textContent()}`,
  );
  await context.close();
});
