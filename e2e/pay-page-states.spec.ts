// Every state of the payment screen a customer can meet, each checked with axe-core and saved as a
// screenshot: the QR read back from the pixels, USDt paid to the end, confirmations, expiring
// soon, paid late, ECOMMERCE details with the server's own checks, Bitfinex failing then
// recovering, the merchant's logo and colour, and the whole flow by keyboard alone.
import { expect, test } from "@playwright/test";
import { auth, decodeQr, expectAccessible, newCheckout, pick } from "./support/checkout";

test("the QR code on screen reads back as the address and amount shown (BTC, Lightning, USDt)", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "LNX", "UST-TRX"] });
  await page.goto(`/pay/${checkout.id}`);
  await expectAccessible(page, "choose a currency");

  await pick(page, /^Bitcoin$/);
  const address = await page.getByTestId("pay-address").textContent();
  const amount = await page.getByTestId("pay-amount").textContent();
  expect(await decodeQr(page)).toBe(`bitcoin:${address}?amount=${amount}`);
  await expectAccessible(page, "BTC payment panel");

  await pick(page, /^Lightning$/);
  const invoice = await page.getByTestId("pay-invoice").getAttribute("data-value");
  expect(await decodeQr(page)).toBe(`lightning:${invoice!.toUpperCase()}`);

  await pick(page, /USDt · Tron/);
  expect(await decodeQr(page)).toBe(await page.getByTestId("pay-address").textContent());
  await expect(page.getByTestId("pay-amount")).toHaveText("25");
});

test("USDt on Tron paid through the sandbox: the page turns paid and returns to the shop", async ({
  page,
  request,
  baseURL,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["UST-TRX"], redirectUrl: `${baseURL}/?shop=1` });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /USDt · Tron/);
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: { payCurrency: "UST-TRX" } });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, "paid");
  await page.getByRole("link", { name: "Return now" }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "paid" && url.searchParams.get("shop") === "1");
});

test("a payment seen on chain shows its confirmations, then paid", async ({ page, request }) => {
  test.setTimeout(90_000);
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: { confirmations: 0 } });
  const line = page.getByTestId("status-line");
  // A Pay payment sends no webhook until it completes: the reconciler finds it. While the page
  // watches, its check is brought forward to 3 s away at most every 10 s (lib/checkouts/watch.ts),
  // and the reconciler turns every 4 s: up to about 18 s when a check ran just before the payment.
  await expect(line).toHaveText(/Payment detected: 0 of \d+ confirmations/, { timeout: 30_000 });
  await expect(page.getByTestId("countdown")).toHaveCount(0);
  await page.screenshot({ path: "test-results/pay-confirming.png", fullPage: true });
  await expectAccessible(page, "confirming");
  await request.post(`/sandbox/control/invoices/${checkout.id}/confirmations`, { data: { confirmations: 1 } });
  // Blocks take minutes; a confirming checkout is re-read every 15 s (sooner while watched).
  await expect(line).toHaveText(/Payment detected: 1 of \d+ confirmations/, { timeout: 30_000 });
  await request.post(`/sandbox/control/invoices/${checkout.id}/confirmations`, { data: { confirmations: 10 } });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 30_000 });
});

test("the last minutes are marked as expiring soon, from the server's clock, not the device's", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  // The device's clock is an hour fast: the countdown must not believe it.
  await page.clock.install({ time: Date.now() + 3_600_000 });
  await page.goto(`/pay/${checkout.id}`);
  await expect(page.getByTestId("countdown")).toHaveText(/^Expires in 1[45]:\d\d$/);
  await pick(page, /^Bitcoin$/);
  const moved = await request.post(`/sandbox/control/checkouts/${checkout.id}/expire-in`, { data: { seconds: 150 } });
  expect(moved.status()).toBe(200);
  // The page's clock is frozen by page.clock; let it run so polling goes on.
  await page.clock.resume();
  await expect(page.getByTestId("countdown")).toHaveText(/^Expiring soon: 2:[0-5]\d left$/, { timeout: 15_000 });
  await expect(page.getByRole("timer")).toHaveText("3 minutes left to pay");
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: "test-results/pay-expiring-soon-phone.png", fullPage: true });
  await expectAccessible(page, "expiring soon");
});

test("expired, then paid late: said plainly, with what happens next", async ({ page, request }) => {
  test.setTimeout(60_000);
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  await request.post(`/sandbox/control/checkouts/${checkout.id}/expire-now`);
  await expect(page.getByRole("heading", { name: "This payment has expired" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Sent a payment just now? Keep this page open")).toBeVisible();
  await page.screenshot({ path: "test-results/pay-expired.png", fullPage: true });
  await expectAccessible(page, "expired");
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  // The expired screen keeps watching: the customer who paid at the last second sees it arrive.
  await expect(page.getByRole("heading", { name: "Payment received after the deadline" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/will either confirm your order or refund you/)).toBeVisible();
  await page.screenshot({ path: "test-results/pay-paid-late.png", fullPage: true });
  await expectAccessible(page, "paid late");
});

test("an expired screen still watching: part of a payment arriving late replaces 'Start again' with what arrived", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Mug", amount: "25.00", currency: "USD", redirectUrl: `${baseURL}/` },
    })
  ).json();
  await page.goto(`/l/${link.id}`);
  const id = page.url().split("/pay/")[1]!;
  await pick(page, /^Bitcoin$/);
  await request.post(`/sandbox/control/checkouts/${id}/expire-now`);
  await expect(page.getByRole("button", { name: "Start again" })).toBeVisible({ timeout: 15_000 });
  await request.post(`/sandbox/control/invoices/${id}/underpay`, { data: { fraction: "0.4" } });
  // Nothing was taken is no longer true: the screen says what arrived, and starting again (a
  // second payment for the same order) is no longer offered.
  await expect(page.getByText(/0\.0001 BTC arrived/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Start again" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "This payment has expired" })).toBeVisible();
});

test("ECOMMERCE: the customer's details are asked for, checked in the browser and again on the server", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { type: "ECOMMERCE", payCurrencies: ["BTC", "UST-TRX"] });
  await page.goto(`/pay/${checkout.id}`);
  await page.getByRole("radio", { name: /^Bitcoin$/ }).check();
  const form = page.getByRole("form", { name: "Your details" });
  await expect(form).toBeVisible();
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Full name")).toBeFocused();
  await expect(form.getByText("This field is required.").first()).toBeVisible();
  await expect(form.getByText("Please accept to continue.")).toBeVisible();
  await page.screenshot({ path: "test-results/pay-details-errors.png", fullPage: true });
  await expectAccessible(page, "details with errors");

  await page.getByLabel("Full name").fill("Ada Lovelace");
  // Passes the browser's quick check, not the server's: the server's answer is shown by the field.
  await page.getByLabel("Email").fill("ada@example.c");
  await page.getByLabel("Nationality").selectOption("GB");
  await page.getByLabel("Country of residence").selectOption("FR");
  await page.getByLabel("City").fill("Paris");
  await page.getByLabel("Postcode").fill("75001");
  await page.getByLabel("Street").fill("1 Rue de Rivoli");
  await page.getByLabel(/I agree/).check();
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Please check this field.")).toBeVisible();
  await expect(page.getByTestId("qr")).toHaveCount(0);

  await page.getByLabel("Email").fill("ada@example.com");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("qr")).toBeVisible();
  // The details were stored with the checkout (and sent with the invoice); the page never shows them back.
  const stored = await (await request.get(`/api/v1/checkouts/${checkout.id}`, { headers: auth })).json();
  expect(stored.customerInfo).toMatchObject({
    fullName: "Ada Lovelace",
    email: "ada@example.com",
    nationality: "GB",
    residCountry: "FR",
  });
  await expect(page.getByText("Ada Lovelace")).toHaveCount(0);
});

test("Bitfinex failing: a friendly message, an automatic retry, never Bitfinex's own text", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] });
  await page.goto(`/pay/${checkout.id}`);
  await request.post("/sandbox/control/faults", {
    data: { mode: "http500", count: 2, pathPrefix: "v2/auth/w/ext/pay/invoice/create" },
  });
  await page.getByRole("radio", { name: /^Bitcoin$/ }).check();
  const problem = page.getByTestId("problem");
  await expect(problem).toHaveText("Bitfinex is not answering right now. Trying again…");
  await page.screenshot({ path: "test-results/pay-retrying.png", fullPage: true });
  await expectAccessible(page, "retrying");
  // No click: the page tries again by itself and the payment appears.
  await expect(page.getByTestId("qr")).toBeVisible({ timeout: 25_000 });
  await expect(problem).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(/error|ERR_|stack|at \w+ \(/i);
});

test("the merchant's logo and brand colour", async ({ page, request }) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  await page.goto(`/pay/${checkout.id}`);
  const logo = page.locator("header img");
  await expect(logo).toHaveAttribute("src", "/demo/logo.svg");
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await pick(page, /^Bitcoin$/);
  const wallet = page.getByRole("link", { name: "Open in wallet" });
  await expect(wallet).toHaveCSS("background-color", "rgb(59, 91, 219)");
  await expect(wallet).toHaveCSS("color", "rgb(255, 255, 255)");
});

test("the whole flow by keyboard alone", async ({ page, request, baseURL, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"], redirectUrl: `${baseURL}/?kb=1` });
  await page.goto(`/pay/${checkout.id}`);
  // Tab to the currency group, choose with the arrow keys (a native radio group).
  const first = page.getByRole("radio", { name: /^Bitcoin$/ });
  for (let i = 0; i < 10 && !(await first.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("qr")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /USDt · Tron/ })).toBeChecked();
  await expect(page.getByRole("note")).toBeVisible();
  const copy = page.getByRole("button", { name: "Copy address" });
  for (let i = 0; i < 10 && !(await copy.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(copy).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    await page.getByTestId("pay-address").textContent(),
  );

  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: { payCurrency: "UST-TRX" } });
  const back = page.getByRole("link", { name: "Return now" });
  await expect(back).toBeVisible({ timeout: 15_000 });
  // The final screen takes focus, so the next Tab reaches its button.
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(back).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("kb") === "1" && url.searchParams.get("status") === "paid");
});

test("the amount with its unit on one line, its fiat value and the rate the invoice priced it at", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  await expect(page.getByTestId("pay-amount")).toHaveText("0.00025");
  await expect(page.getByTestId("pay-amount").locator("..")).toHaveText("0.00025BTC");
  await expect(page.getByTestId("pay-fiat")).toHaveText("≈ $25.00");
  await expect(page.getByTestId("pay-rate")).toHaveText("1 BTC = $100,000.00");
  await pick(page, /USDt · Tron/);
  await expect(page.getByTestId("pay-rate")).toHaveText("1 USDt = $1.00");
});

test("wallet URIs carry the amount: EIP-681 for Ether and for USDt on Ethereum, read back from the QR, with Open in wallet", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["ETH", "UST-ETH"] });
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /USDt · Ethereum \(ERC-20\)/);
  // The warning comes before the QR: read before anyone scans.
  const warningFirst = await page.evaluate(() => {
    const note = document.querySelector("[role=note]")!;
    const qr = document.querySelector("[data-testid=qr]")!;
    return !!(note.compareDocumentPosition(qr) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(warningFirst).toBe(true);
  const usdtAddress = (await page.getByTestId("pay-address").textContent())!;
  const usdt = `ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=${usdtAddress}&uint256=25000000`;
  expect(await decodeQr(page)).toBe(usdt);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", usdt);

  await pick(page, /^Ether · Ethereum$/);
  const ethAddress = (await page.getByTestId("pay-address").textContent())!;
  await expect(page.getByTestId("pay-amount")).toHaveText("0.00625");
  const eth = `ethereum:${ethAddress}@1?value=6250000000000000`;
  expect(await decodeQr(page)).toBe(eth);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", eth);
});

test("once paid: 'you can close this page' and a printable receipt with the order, amounts, rate and time", async ({
  page,
  request,
  context,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.get(`/pay/${checkout.id}/receipt`)).status()).toBe(404);
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  const { payment } = await (await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} })).json();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("You can close this page.")).toBeVisible();
  const [receipt] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("link", { name: "View receipt" }).click(),
  ]);
  await expect(receipt.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(receipt.getByTestId("receipt-amount")).toHaveText("$25.00");
  await expect(receipt.getByTestId("receipt-paid")).toHaveText("0.00025 BTC");
  await expect(receipt.getByTestId("receipt-rate")).toHaveText("1 BTC = $100,000.00");
  await expect(receipt.getByTestId("receipt-order")).toContainText("Two ceramic mugs");
  await expect(receipt.getByTestId("receipt-time")).toHaveText(/^\w+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M UTC$/);
  // Bitfinex's transaction id; a sandbox (regtest) transaction is on no public explorer, so no link.
  await expect(receipt.getByTestId("receipt-transaction")).toHaveText(payment.txid, { timeout: 10_000 });
  await expect(receipt.getByTestId("receipt-transaction").getByRole("link")).toHaveCount(0);
  await expect(receipt.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await receipt.setViewportSize({ width: 360, height: 740 });
  await receipt.screenshot({ path: "test-results/pay-receipt-phone.png", fullPage: true });
  await expectAccessible(receipt, "receipt");
  // Printed, the banner and the buttons are left out.
  await receipt.emulateMedia({ media: "print" });
  await expect(receipt.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
});
