// The dashboard as a new merchant meets it (issue 18): forms that cannot make a checkout twice,
// errors in words beside their fields, currencies ticked and durations in minutes, search by any
// part of an id, states and failed webhooks that stand out, in-page confirmations, the checkout's
// details with copyable transaction ids, tables as cards on a phone, snippets that pass WCAG AA,
// signed links and the revenue chart. Screenshots of each go to test-results/polish-*.png.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { confirmInPage, dashboardFetch, signIn } from "./support/dashboard";

const PHONE = { width: 390, height: 844 };

/** The checkout's state; asking the public status route too marks it watched, as an open payment page does (the reconciler looks sooner). */
async function checkoutState(request: APIRequestContext, id: string) {
  await request.get(`/api/checkouts/${id}/status`);
  return (await (await request.get(`/api/v1/checkouts/${id}`, { headers: auth })).json()) as { state: string };
}

async function paidCheckout(request: APIRequestContext, body: Record<string, unknown> = {}) {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"], ...body });
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  expect((await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} })).status()).toBe(200);
  await expect.poll(async () => (await checkoutState(request, checkout.id)).state, { timeout: 20_000 }).toBe("paid");
  return checkout;
}

test("create checkout: a double click makes one checkout, the form clears, errors are sentences beside their fields", async ({
  page,
  request,
}) => {
  await signIn(page, "/dashboard/checkouts/new");
  const orderId = `DBL-${Date.now()}`;
  await page.getByLabel("Amount").fill("12.50");
  await page.getByLabel("Order id").fill(orderId);
  await page.getByLabel("Time to pay (minutes)").fill("20");
  await page.getByRole("checkbox", { name: /^Litecoin LTC$/ }).check();
  await page.getByRole("button", { name: "Create checkout" }).dblclick();
  await expect(page.getByTestId("created-checkout")).toContainText(`Checkout for order ${orderId} created`);
  // The form is empty again: clicking once more cannot silently repeat the order.
  await expect(page.getByLabel("Order id")).toHaveValue("");
  await expect(page.getByLabel("Amount")).toHaveValue("");
  await page.screenshot({ path: "test-results/polish-created-checkout.png", fullPage: true });
  const id = (await page.getByTestId("created-checkout").getByRole("link").first().textContent())!;
  const made = await (await request.get(`/api/v1/checkouts/${id}`, { headers: auth })).json();
  expect(made.duration).toBe(1200);
  expect(made.payCurrencies).toContain("LTC");
  await page.goto(`/dashboard/checkouts?search=${orderId}`);
  await expect(page.getByRole("region", { name: "Checkouts" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Checkouts" })).toContainText("$12.50");

  // An empty submit: each reason beside its field, the field marked and pointing at it.
  await page.goto("/dashboard/checkouts/new");
  await page.getByLabel("Time to pay (minutes)").fill("2");
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("button", { name: "Create checkout" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Please correct the marked fields.");
  const amount = page.getByLabel("Amount");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await amount.getAttribute("aria-describedby"))!;
  await expect(page.locator(`[id="${describedBy.split(" ")[0]}"]`)).toHaveText("Amount is required.");
  await expect(page.getByText("Order id is required.")).toBeVisible();
  await expect(page.getByText("Time to pay must be at least 5 minutes (Bitfinex's minimum)")).toBeVisible();
  await expect(page.getByText("Pay currencies offered must name at least one pay currency.")).toBeVisible();
  await expect(page.getByText(/amount: is required|\[0\]/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/polish-form-errors.png", fullPage: true });
  await expectAccessible(page, "create checkout with errors");
});

test("the dashboard's Idempotency-Key: the same key twice is one checkout; a new form instance gets a new key", async ({
  page,
}) => {
  await signIn(page, "/dashboard");
  const body = { amount: "3.00", currency: "EUR", orderId: `IDEM-${Date.now()}`, payCurrencies: ["btc"] };
  const first = await dashboardFetch(page, "/api/dashboard/checkouts", "POST", body, {
    "idempotency-key": "form-key-1",
  });
  const again = await dashboardFetch(page, "/api/dashboard/checkouts", "POST", body, {
    "idempotency-key": "form-key-1",
  });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  expect(again.json.id).toBe(first.json.id);
  // "btc" is BTC.
  expect(first.json.payCurrencies).toEqual(["BTC"]);
  const other = await dashboardFetch(
    page,
    "/api/dashboard/checkouts",
    "POST",
    { ...body, amount: "4.00" },
    { "idempotency-key": "form-key-1" },
  );
  expect(other.status).toBe(422);
});

test("settings: with errors showing, Save defaults stays a button; the webhook URL error says what the sandbox takes", async ({
  page,
}) => {
  await signIn(page, "/dashboard/settings");
  const defaults = page.locator("section", { has: page.getByRole("heading", { name: "New checkouts" }) });
  await defaults.getByLabel("Time to pay (minutes)").fill("soon");
  await defaults.getByRole("button", { name: "Save defaults" }).click();
  await expect(defaults.getByText("Time to pay must be a number of minutes.")).toBeVisible();
  const box = (await defaults.getByRole("button", { name: "Save defaults" }).boundingBox())!;
  expect(box.height, "the button keeps its height beside the errors").toBeLessThan(48);
  await page.reload();
  const hook = page.locator("section", { has: page.getByRole("heading", { name: "Webhook" }) });
  await hook.getByLabel("Your endpoint").fill("ftp://shop.example/hook");
  await hook.getByRole("button", { name: "Save URL" }).click();
  await expect(hook.getByText("Webhook URL must start with http:// or https://.")).toBeVisible();
  await expect(hook.getByText(/Sandbox: http:\/\/ \(e\.g\. http:\/\/localhost\) is accepted too/)).toBeVisible();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: "test-results/polish-settings-errors-phone.png", fullPage: true });
});

test("search finds part of an order id or a checkout id in any case; % and _ are not wildcards", async ({
  page,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const a = await newCheckout(request, { orderId: `Mug-Order-${stamp}-A` });
  await newCheckout(request, { orderId: `mug-order-${stamp}-b` });
  await signIn(page, "/dashboard/checkouts");
  const rows = page.getByRole("region", { name: "Checkouts" }).locator("tbody tr");
  await page.getByLabel("Order id or checkout id").fill(`ORDER-${stamp.toUpperCase()}`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(2);
  await page.goto(`/dashboard/checkouts?search=${a.id.slice(5, 17).toUpperCase()}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Mug-Order-${stamp}-A`);
  await page.goto(`/dashboard/checkouts?search=${encodeURIComponent(`order_${stamp}`)}`);
  await expect(page.getByText("No checkout matches.")).toBeVisible();
  await page.goto(`/dashboard/checkouts?search=%25`);
  await expect(page.getByText("No checkout matches.")).toBeVisible();
});

test("paid late and underpaid stand out from paid; expiring asks in an in-page dialog that Escape closes", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const paid = await paidCheckout(request);
  const late = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.post(`/api/checkouts/${late.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  await request.post(`/sandbox/control/checkouts/${late.id}/expire-now`);
  await expect.poll(async () => (await checkoutState(request, late.id)).state, { timeout: 30_000 }).toBe("expired");
  await request.post(`/sandbox/control/invoices/${late.id}/pay`, { data: {} });
  await expect
    .poll(async () => (await checkoutState(request, late.id)).state, { timeout: 45_000, intervals: [1_000] })
    .toBe("paid_late");

  const short = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.post(`/api/checkouts/${short.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  expect((await request.post(`/sandbox/control/invoices/${short.id}/underpay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(async () => (await checkoutState(request, short.id)).state, { timeout: 30_000, intervals: [1_000] })
    .toBe("underpaid");

  await signIn(page, "/dashboard/checkouts");
  const badge = (id: string) => page.getByRole("row", { name: new RegExp(id) }).locator("[data-state]");
  await expect(badge(late.id)).toHaveText(/paid late.*needs your attention/);
  await expect(badge(short.id)).toHaveText(/underpaid.*needs your attention/);
  const colour = (id: string) => badge(id).evaluate((el) => getComputedStyle(el).backgroundColor);
  const [paidColour, lateColour, shortColour] = [await colour(paid.id), await colour(late.id), await colour(short.id)];
  expect(
    new Set([paidColour, lateColour, shortColour]).size,
    "paid, paid late and underpaid each have their own colour",
  ).toBe(3);
  await expect(badge(paid.id)).not.toContainText("needs your attention");
  await page.screenshot({ path: "test-results/polish-states-desktop.png", fullPage: true });

  // Expire now: an in-page dialog (no browser confirm), focus inside it, Escape leaves the checkout as it was.
  const open = await newCheckout(request);
  page.on("dialog", () => {
    throw new Error("the browser's own confirm() was used");
  });
  await page.goto(`/dashboard/checkouts/${open.id}`);
  await page.getByRole("button", { name: "Expire now" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Expire order`);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Expire now" })).toBeFocused();
  await page.screenshot({ path: "test-results/polish-confirm-dialog.png" });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await checkoutState(request, open.id)).state).toBe("awaiting_payment");
  await page.getByRole("button", { name: "Expire now" }).click();
  await confirmInPage(page, "Expire now");
  await expect.poll(async () => (await checkoutState(request, open.id)).state, { timeout: 15_000 }).toBe("expired");
});

test("the checkout page shows metadata, redirect URL and customer details; a transaction id is copied whole", async ({
  page,
  request,
  context,
}) => {
  test.setTimeout(60_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const checkout = await paidCheckout(request, {
    type: "ECOMMERCE",
    redirectUrl: "https://shop.example/thanks?o=1",
    metadata: { cart: "c-42", channel: "newsletter" },
    customerInfo: {
      fullName: "Ada Lovelace",
      email: "ada@example.com",
      nationality: "GB",
      residCountry: "GB",
      residCity: "London",
      residZipCode: "W1",
      residStreet: "1 St James's Sq",
    },
  });
  await signIn(page, `/dashboard/checkouts/${checkout.id}`);
  await expect(page.getByTestId("checkout-links")).toContainText("https://shop.example/thanks?o=1");
  await expect(page.getByTestId("checkout-metadata")).toContainText("cart");
  await expect(page.getByTestId("checkout-metadata")).toContainText("newsletter");
  await expect(page.getByTestId("checkout-customer")).toContainText("Ada Lovelace");
  await expect(page.getByTestId("checkout-customer")).toContainText("ada@example.com");
  const txid = page.getByTestId("txid").first();
  await expect(txid).toBeVisible({ timeout: 15_000 });
  const full = (await txid.locator("[title]").getAttribute("title"))!;
  await txid.getByRole("button", { name: "Copy txid" }).click();
  await expect(txid.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
  // A sandbox (regtest) transaction has no public explorer: no dead link.
  await expect(txid.getByRole("link")).toHaveCount(0);
  await page.screenshot({ path: "test-results/polish-checkout-desktop.png", fullPage: true });
  await page.setViewportSize(PHONE);
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/polish-checkout-phone.png", fullPage: true });
  await expectAccessible(page, "checkout page on a phone");
});

test("on a phone the checkouts table is cards: every value labelled, nothing cut off", async ({ page, request }) => {
  await newCheckout(request, { orderId: `PHONE-${Date.now()}-with-a-rather-long-order-id` });
  await page.setViewportSize(PHONE);
  await signIn(page, "/dashboard/checkouts");
  const region = page.getByRole("region", { name: "Checkouts" });
  const first = region.locator("tbody tr").first();
  expect(await first.evaluate((el) => getComputedStyle(el).display)).toBe("block");
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(first.locator("td[data-label='State']")).toBeVisible();
  await page.screenshot({ path: "test-results/polish-checkouts-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await first.evaluate((el) => getComputedStyle(el).display)).toBe("table-row");
  await page.screenshot({ path: "test-results/polish-checkouts-desktop.png", fullPage: true });
});

test("signed links are made in the dashboard with a copyable link and a QR; the HTML button's text passes AA on the brand colour", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "/dashboard/links");
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Signed static link" }) });
  await card.getByLabel("Amount").fill("42.00");
  await card.getByLabel("Currency").selectOption("EUR");
  await card.getByLabel("Order id").fill(`SIG-${Date.now()}`);
  await card.getByLabel("Valid for (hours)").fill("24");
  await card.getByRole("button", { name: "Make signed link" }).click();
  const made = card.getByTestId("signed-link");
  await expect(made).toContainText("valid until");
  await expect(made.getByRole("img", { name: /QR code for/ })).toBeVisible();
  await made.getByRole("button", { name: "Copy link" }).click();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/\/s\?amount=42\.00&currency=EUR&orderId=SIG-\d+&exp=\d+&sig=/);
  // The playwright config sets BRAND_COLOR=#3b5bdb: white text reads on it (contrast 5.5:1); on the default green it is black.
  await expect(made.locator("pre").nth(1)).toContainText("background:#3b5bdb;color:#ffffff");
  await page.screenshot({ path: "test-results/polish-signed-link.png", fullPage: true });
  await page.goto(url);
  await expect(page).toHaveURL(/\/pay\/co_/);
  await expect(page.getByText(/42[.,]00/).first()).toBeVisible();
});

test("overview: revenue per day as a chart with a sentence and a table of exact figures", async ({ page, request }) => {
  test.setTimeout(60_000);
  await paidCheckout(request, { amount: "7.25", currency: "GBP" });
  await signIn(page, "/dashboard");
  await page.goto("/dashboard?period=7d");
  const figure = page.getByTestId("revenue-GBP");
  await expect(figure.getByRole("img", { name: /Revenue per day in GBP/ })).toBeVisible();
  await expect(figure.locator("svg .recharts-bar-rectangle").first()).toBeAttached();
  await figure.getByText("Revenue per day as a table").click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(figure.getByRole("row", { name: new RegExp(today) })).toContainText("£7.25");
  await page.screenshot({ path: "test-results/polish-overview-desktop.png", fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: "test-results/polish-overview-phone.png", fullPage: true });
  await expectAccessible(page, "overview with the chart");
});
