// The merchant's dashboard in Chromium: sign-in (good and bad password), cross-site mutations
// refused, and a payment link made in the dashboard, paid by a customer, seen paid. That every
// dashboard page and API route refuses a visitor without a session (found by walking app/, with
// forged, expired and wrongly signed cookies) is in e2e/reliability/security.spec.ts.
import { expect, test } from "@playwright/test";
import { expectAccessible, newCheckout } from "./support/checkout";
import { routesUnder } from "./support/routes";
import { confirmInPage, signIn } from "./support/dashboard";

test("sign-in: a wrong password is refused with a clear message, the right one opens the dashboard", async ({
  page,
}) => {
  await page.goto("/dashboard/checkouts");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard%2Fcheckouts/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Wrong username or password.");
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard/checkouts");
  await expect(page.getByRole("heading", { name: "Checkouts" })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a signed-in merchant's browser cannot be made to change anything from another site", async ({ page }) => {
  await signIn(page);
  const status = await page.evaluate(async () => {
    const res = await fetch("/api/dashboard/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "same-origin" }),
    });
    return res.status;
  });
  expect(status).toBe(201);
  // The same request as another site would send it (its Origin and Sec-Fetch-Site), with the cookie.
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await page.request.post("/api/dashboard/api-keys", {
    data: { name: "cross-site" },
    headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("cross_site_request");
});

test("a payment link made in the dashboard, paid by a customer in another browser, shows paid", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, "/dashboard/links");
  const form = page.locator("section", { has: page.getByRole("heading", { name: "New payment link" }) });
  await form.getByLabel("Name (shown to customers)").fill("Gift card");
  await form.getByLabel("Fixed amount").fill("15.00");
  await form.getByRole("button", { name: "Create link" }).click();
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Gift card" }) }).first();
  await expect(card.getByTestId("link-amount")).toContainText("15.00 USD");
  const url = (await card.locator("pre").first().textContent())!;
  expect(url).toMatch(/\/l\/lnk_/);
  await page.screenshot({ path: "test-results/dashboard-links.png", fullPage: true });

  const customer = await browser.newContext();
  const payPage = await customer.newPage();
  await payPage.goto(url);
  await payPage.getByRole("radio", { name: /^Bitcoin$/ }).check();
  await expect(payPage.getByTestId("qr")).toBeVisible();
  const checkoutId = payPage.url().split("/pay/")[1]!.split("?")[0]!;
  // The merchant watches the checkout in the dashboard while the customer pays.
  await page.goto(`/dashboard/checkouts/${checkoutId}`);
  await expect(page.getByTestId("live")).toHaveText("Updates live");
  await expect(page.getByTestId("timeline")).not.toContainText("→ paid");
  await request.post(`/sandbox/control/invoices/${checkoutId}/pay`, { data: {} });
  await expect(payPage.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await customer.close();
  // No reload: the page follows by itself, and stops watching once the checkout is final.
  await expect(page.getByTestId("timeline")).toContainText("awaiting payment → paid", { timeout: 15_000 });
  await expect(page.getByTestId("live")).toHaveCount(0);

  await page.goto(`/dashboard/checkouts?search=${checkoutId}`);
  const row = page.getByRole("row", { name: new RegExp(checkoutId) });
  await expect(row).toContainText("paid");
  await row.getByRole("link", { name: checkoutId }).click();
  await expect(page.getByTestId("timeline")).toContainText("awaiting payment → paid");
  await expect(page.getByText("checkout.paid")).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-checkout.png", fullPage: true });

  await page.goto("/dashboard");
  await expect(page.getByTestId("state-paid-USD")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/dashboard-overview-phone.png", fullPage: true });
});

test("API keys: shown once, work, and stop working when revoked", async ({ page, request }) => {
  await signIn(page, "/dashboard/api-keys");
  await page.getByLabel("Name").fill("Shop backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  expect(key).toMatch(/^sk_[a-z0-9]{32}$/);
  const ok = await request.get("/api/v1/checkouts", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await page
    .getByRole("row", { name: /Shop backend/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await confirmInPage(page, "Revoke");
  await expect(page.getByRole("row", { name: /Shop backend/ })).toContainText("revoked");
  const refused = await request.get("/api/v1/checkouts", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test("API keys: scopes are chosen when a key is made, shown in the list, and enforced", async ({ page, request }) => {
  await signIn(page, "/dashboard/api-keys");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create key" }) });
  // Least privilege by default: only the two checkout scopes are ticked.
  await expect(form.getByRole("checkbox", { name: /checkouts:read/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /checkouts:write/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /refunds:write/ })).not.toBeChecked();
  await expect(form.getByRole("checkbox", { name: /webhooks:admin/ })).not.toBeChecked();
  // None ticked is refused, naming the field.
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  await form.getByLabel("Name").fill("Nothing");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByText(/choose at least one scope/i)).toBeVisible();
  await form.getByRole("checkbox", { name: /checkouts:read/ }).check();
  await form.getByRole("checkbox", { name: /webhooks:admin/ }).check();
  await form.getByLabel("Name").fill("Webhook tool");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key-scopes")).toHaveText("checkouts:read, webhooks:admin");
  const key = (await page.getByTestId("new-api-key").textContent())!;
  const current = await (
    await request.get("/api/v1/api-keys/current", { headers: { authorization: `Bearer ${key}` } })
  ).json();
  expect(current).toMatchObject({ name: "Webhook tool", scopes: ["checkouts:read", "webhooks:admin"], legacy: false });
  const create = await request.post("/api/v1/checkouts", {
    headers: { authorization: `Bearer ${key}` },
    data: { amount: "1.00", currency: "USD", orderId: "SCOPE-UI" },
  });
  expect(create.status()).toBe(403);
  expect((await create.json()).error).toMatchObject({ code: "missing_scope", scope: "checkouts:write" });
  await page.reload();
  await expect(page.getByRole("row", { name: /Webhook tool/ })).toContainText("checkouts:read, webhooks:admin");
  await expectAccessible(page, "API keys with scopes");
  await page.screenshot({ path: "test-results/dashboard-api-keys-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/dashboard-api-keys-phone.png", fullPage: true });
});

test("settings: bad values are refused field by field, good ones change new checkouts", async ({ page, request }) => {
  await signIn(page, "/dashboard/settings");
  const defaults = page.locator("section", { has: page.getByRole("heading", { name: "New checkouts" }) });
  const minutes = defaults.getByLabel("Time to pay (minutes)");
  await minutes.fill("1");
  await defaults.getByRole("button", { name: "Save defaults" }).click();
  // The reason is a sentence beside the field, in minutes, and the field points at it.
  await expect(defaults.getByText("Time to pay must be at least 5 minutes.")).toBeVisible();
  await expect(minutes).toHaveAttribute("aria-invalid", "true");
  await minutes.fill("30");
  for (const box of await defaults.getByRole("checkbox").all()) await box.uncheck();
  await defaults.getByRole("checkbox", { name: /^Bitcoin BTC$/ }).check();
  await defaults.getByRole("checkbox", { name: /^Bitcoin on Lightning LNX$/ }).check();
  await defaults.getByRole("button", { name: "Save defaults" }).click();
  await expect(defaults.getByRole("status")).toHaveText("Defaults saved.");
  await expect(minutes).not.toHaveAttribute("aria-invalid");
  const embed = page.locator("section", {
    has: page.getByRole("heading", { name: "Sites allowed to embed the checkout" }),
  });
  await embed.getByLabel("Origins, one per line").fill("https://shop.example/path");
  await embed.getByRole("button", { name: "Save origins" }).click();
  await expect(
    embed.getByText("Line 1 of origins must be an origin such as https://shop.example (scheme and host, no path)"),
  ).toBeVisible();

  const res = await request.post("/api/v1/checkouts", {
    headers: { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl" },
    data: { amount: "5.00", currency: "USD", orderId: `S-${Date.now()}` },
  });
  const created = await res.json();
  expect(created.payCurrencies).toEqual(["BTC", "LNX"]);
  expect(created.duration).toBe(1800);
  // Put the defaults back for the other tests: the usual set, and an empty time (the default 15 minutes).
  for (const box of await defaults.getByRole("checkbox").all()) await box.uncheck();
  for (const name of [
    /^Bitcoin BTC$/,
    /^Bitcoin on Lightning LNX$/,
    /^Ether on Ethereum ETH$/,
    /^USDt on Ethereum \(ERC-20\) UST-ETH$/,
    /^USDt on Tron \(TRC-20\) UST-TRX$/,
  ])
    await defaults.getByRole("checkbox", { name }).check();
  await minutes.fill("");
  await defaults.getByRole("button", { name: "Save defaults" }).click();
  await expect(defaults.getByRole("status")).toHaveText("Defaults saved.");
  await page.screenshot({ path: "test-results/dashboard-settings.png", fullPage: true });
  await page.reload();
  await expect(minutes).toHaveValue("");
  await expect(defaults.getByRole("checkbox", { name: /^Bitcoin BTC$/ })).toBeChecked();
  await expect(defaults.getByRole("checkbox", { name: /^Litecoin LTC$/ })).not.toBeChecked();
});

test("on a phone every dashboard page fits the screen, can be navigated, and passes axe", async ({ page, request }) => {
  test.setTimeout(60_000);
  const checkout = await (
    await request.post("/api/v1/checkouts", {
      headers: { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl" },
      data: { amount: "12.00", currency: "USD", orderId: `PH-${Date.now()}` },
    })
  ).json();
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, "/dashboard");
  // Each page of the route tree, with a real checkout where the path has one (an event page needs an event: skipped).
  const pages = routesUnder("app/dashboard", "page.tsx", () => checkout.id).map(({ path }) => path);
  for (const path of pages.filter((p) => !p.startsWith("/dashboard/webhooks/"))) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Wide tables scroll inside their card; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is wider than the phone by ${overflow}px`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `dashboard ${path} on a phone`);
    await page.screenshot({
      path: `test-results/dashboard-phone${path.replace(/\//g, "-").replace(/-co_\w+/, "-detail")}.png`,
      fullPage: true,
    });
  }
  // The navigation reaches every section from a phone.
  await page.goto("/dashboard");
  for (const name of ["Checkouts", "Payment links", "Webhooks", "Settings"]) {
    const link = page.getByRole("navigation").getByRole("link", { name, exact: true });
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(link).toHaveAttribute("aria-current", "page");
  }
});

test("the health page names a key scope the API key lacks and a pay currency with no deposit address", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, "/dashboard/health");
  const control = (path: string, data: unknown) => page.request.post(`/sandbox/control/${path}`, { data });
  // A key made without "settings", an account that cannot take Litecoin, and a link offering it.
  await control("key", { missingScopes: ["settings"] });
  await control("deposit-methods", { disabled: ["LITECOIN"] });
  // Dashboard calls from the page itself (same origin), as the dashboard's own forms make them.
  const dashboardCall = (url: string, method: string, body: unknown) =>
    page.evaluate(
      async ([url, method, body]) => {
        const res = await fetch(url as string, {
          method: method as string,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: res.status, json: await res.json() };
      },
      [url, method, body] as const,
    );
  const created = await dashboardCall("/api/dashboard/payment-links", "POST", {
    name: "Go-live check",
    amount: "5.00",
    currency: "USD",
    payCurrencies: ["BTC", "LTC"],
  });
  expect(created.status).toBe(201);
  const link = created.json;
  try {
    const health = page.getByTestId("health");
    // Bitfinex allows 10 deposit-address calls a minute, and both of the suite's apps spend some at
    // start: while the budget is spent, LTC is "still to check", and a later check gets to it.
    await expect(async () => {
      await page.getByRole("button", { name: "Check the key and deposit addresses again" }).click();
      await expect(health).toContainText("missing for LTC (method LITECOIN)", { timeout: 15_000 });
    }).toPass({ timeout: 100_000, intervals: [5_000] });
    await expect(health).toContainText("missing settings:read, settings:write");
    await expect(health).toContainText(/ready for .*BTC/);
    await page.screenshot({ path: "test-results/dashboard-health-missing.png", fullPage: true });
  } finally {
    await control("key", { missingScopes: [] });
    await control("deposit-methods", { disabled: [] });
    expect((await dashboardCall(`/api/dashboard/payment-links/${link.id}`, "PATCH", { active: false })).status).toBe(
      200,
    );
  }
  await page.getByRole("button", { name: "Check the key and deposit addresses again" }).click();
  await expect(page.getByTestId("health")).toContainText("settings, account and orders: read and write", {
    timeout: 20_000,
  });
  await page.screenshot({ path: "test-results/dashboard-health-go-live.png", fullPage: true });
});

test("a checkout's page renders at once while Bitfinex is slow; Bitfinex's events join the timeline when it answers", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const orderId = `SLOW-${Date.now()}`;
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"], orderId });
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  await signIn(page);
  const timeline = page.getByTestId("timeline");
  const loading = page.getByTestId("bitfinex-events-loading");
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    // Bitfinex holds back its answer to the next events read for 6 s (the app waits up to 10 s).
    const fault = { mode: "timeout", count: 1, pathPrefix: "v2/auth/r/ext/pay/invoice/events", delayMs: 6_000 };
    expect((await request.post("/sandbox/control/faults", { data: fault })).status()).toBe(200);
    await page.goto(`/dashboard/checkouts/${checkout.id}`, { waitUntil: "commit" });
    // Everything from our own tables is there while Bitfinex has not answered yet.
    await expect(page.getByRole("heading", { name: `Order ${orderId}` })).toBeVisible();
    await expect(loading).toBeVisible();
    await expect(timeline).toContainText("created");
    await expect(timeline.locator('[data-source="bitfinex"]')).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Bitfinex invoices" })).toContainText("Bitfinex Pay");
    await page.screenshot({ path: `test-results/dashboard-checkout-bitfinex-loading-${name}.png`, fullPage: true });
    // Then Bitfinex answers, and its record of the invoice is merged into the timeline.
    await expect(timeline).toContainText("Bitfinex: created", { timeout: 15_000 });
    await expect(loading).toHaveCount(0);
    await page.screenshot({ path: `test-results/dashboard-checkout-bitfinex-loaded-${name}.png`, fullPage: true });
  }
});
