// The rest of Bitfinex Pay's merchant surface in Chromium against the sandbox-mode app: a refund of
// a paid-late checkout from the dashboard (confirmed in an in-page dialog), a refund over the API
// with an Idempotency-Key sent twice (sent once), a checkout above Bitfinex's limit refused at
// creation, a currency outside its range not offered (and "cannot be paid here" when none fits),
// a customer at their daily limit offered only Lightning while another customer pays as usual,
// and an automatic conversion rule added and removed in the settings.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { signIn } from "./support/dashboard";

// A valid Bitcoin (bech32) address for the customer's refund.
const REFUND_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const UNKNOWN_OUTCOME_ADDRESS = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"; // BIP-173's example

async function state(request: APIRequestContext, id: string): Promise<string> {
  return (await (await request.get(`/api/v1/checkouts/${id}`, { headers: auth })).json()).state;
}

/**
 * A checkout paid in BTC: on time, or (with `watcher`, late) after it expired. Bitfinex sends no
 * webhook for a payment after expiry, so a customer's page still open on the expired checkout is
 * what makes the app look again soon (as in pay-page-states.spec.ts).
 */
async function paidCheckout(request: APIRequestContext, late: boolean, watcher?: Page) {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  if (late) {
    await request.post(`/sandbox/control/checkouts/${checkout.id}/expire-now`);
    await expect.poll(() => state(request, checkout.id), { timeout: 20_000 }).toBe("expired");
    await watcher!.goto(`/pay/${checkout.id}`);
  }
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  await expect.poll(() => state(request, checkout.id), { timeout: 30_000 }).toBe(late ? "paid_late" : "paid");
  return checkout;
}

async function sandboxRefunds(request: APIRequestContext, checkoutId: string) {
  const s = await (await request.get("/sandbox/control/state")).json();
  return (s.refunds as Array<{ orderId: string; amount: string; address: string }>).filter(
    (r) => r.orderId === checkoutId,
  );
}

/** Dashboard mutations go through the page (same origin, the session cookie). */
const dashboardPost = (page: Page, path: string, body: unknown = {}) =>
  page.evaluate(
    async ([p, b]) =>
      (
        await fetch(p as string, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(b),
        })
      ).status,
    [path, body] as const,
  );

async function setLimits(page: Page, request: APIRequestContext, limits: Record<string, unknown>) {
  expect((await request.post("/sandbox/control/limits", { data: limits })).status()).toBe(200);
  // The app caches Bitfinex's limits for minutes; the health page's "read them again" does this.
  expect(await dashboardPost(page, "/api/dashboard/limits")).toBe(200);
}

test("a paid-late checkout refunded from the dashboard: reviewed in a dialog, sent once, on the timeline, in the webhooks and the CSV", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const checkout = await paidCheckout(request, true, page);
  await signIn(page, `/dashboard/checkouts/${checkout.id}`);
  await page.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog", { name: /Refund order/ });
  await expect(dialog).toBeVisible();
  // A wrong address is caught before anything is sent.
  await dialog.getByLabel(/The customer's Bitcoin address/).fill("TKHuVq1oKVruCGLvqVexFs6dawKv6fQgFs");
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await dialog.getByRole("button", { name: /^Send .* BTC$/ }).click();
  await expect(dialog.getByText("not a valid Bitcoin address")).toBeVisible();
  expect(await sandboxRefunds(request, checkout.id)).toHaveLength(0);
  await dialog.getByLabel(/The customer's Bitcoin address/).fill(REFUND_ADDRESS);
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await expect(dialog.getByTestId("refund-address")).toHaveText(REFUND_ADDRESS);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/refund-dialog-review.png" });
  const send = dialog.getByRole("button", { name: /^Send .* BTC$/ });
  await send.click();
  await expect(dialog).toBeHidden();

  const refunds = page.locator("section", { has: page.getByRole("heading", { name: "Refunds" }) });
  await expect(refunds.getByRole("row").nth(1)).toContainText("sent");
  await expect(refunds.getByRole("row").nth(1)).toContainText(REFUND_ADDRESS);
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("expired → paid late");
  await expect(timeline).toContainText(/refund of [\d.]+ BTC: sent/);
  await expect(timeline).toContainText("Bitfinex: refunded");
  await expect(page.getByTestId("amount-refunded")).toContainText("BTC");
  await expect(page.getByRole("button", { name: "Refund…" })).toHaveCount(0); // everything was refunded
  await expect(page.getByRole("cell", { name: "checkout.refunded" })).toBeVisible();
  const sent = await sandboxRefunds(request, checkout.id);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.address).toBe(REFUND_ADDRESS);
  await page.screenshot({ path: "test-results/refund-checkout-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/refund-checkout-phone.png", fullPage: true });

  const csv = await page.evaluate(async () => (await fetch("/api/dashboard/checkouts/export?state=paid_late")).text());
  const header = csv.split("\r\n")[0]!;
  expect(header).toContain('"amount_refunded"');
  const line = csv.split("\r\n").find((l) => l.startsWith(`"${checkout.id}"`))!;
  expect(line.split(",").at(-1)).toBe(`"${sent[0]!.amount}"`);
});

test("the refund dialog on a phone, before sending", async ({ page, request }) => {
  const checkout = await paidCheckout(request, false);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, `/dashboard/checkouts/${checkout.id}`);
  await page.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog", { name: /Refund order/ });
  await dialog.getByLabel("Part of it").check();
  await dialog.getByLabel(/^Amount \(BTC\)/).fill("0.00001");
  await dialog.getByLabel(/The customer's Bitcoin address/).fill(REFUND_ADDRESS);
  await page.screenshot({ path: "test-results/refund-dialog-phone.png" });
  await expectAccessible(page, "refund dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await sandboxRefunds(request, checkout.id)).toHaveLength(0);
});

test("Bitfinex does not answer a refund: it is 'unknown', blocks another, and asking Bitfinex's record settles it as sent", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const checkout = await paidCheckout(request, false);
  await signIn(page, `/dashboard/checkouts/${checkout.id}`);
  // Bitfinex does the refund but answers after the app has given up (BFX_TIMEOUT_MS, 10 s).
  await request.post("/sandbox/control/faults", {
    data: { mode: "timeout", count: 1, pathPrefix: "v2/auth/w/ext/pay/invoice/refund", delayMs: 12_000 },
  });
  await page.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog", { name: /Refund order/ });
  // An address no other test refunds to: a refund of the same amount to the same address still
  // unsettled elsewhere (another spec's) could own the withdrawal, and then nothing is guessed.
  await dialog.getByLabel(/The customer's Bitcoin address/).fill(UNKNOWN_OUTCOME_ADDRESS);
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await dialog.getByRole("button", { name: /^Send .* BTC$/ }).click();
  // The merchant is told either in the dialog, or, when the page (which follows live) has already
  // re-rendered with the refund recorded and no Refund button, which closes the dialog, in the table.
  await expect(page.getByText(/may or may not have been sent|Bitfinex did not confirm the refund/).first()).toBeVisible(
    { timeout: 20_000 },
  );
  await page.keyboard.press("Escape");
  const refunds = page.locator("section", { has: page.getByRole("heading", { name: "Refunds" }) });
  await expect(refunds.getByRole("row").nth(1)).toContainText("unknown");
  await expect(page.getByRole("button", { name: "Refund…" })).toHaveCount(0); // blocked until settled
  await page.screenshot({ path: "test-results/refund-unknown.png", fullPage: true });
  // The premise: Bitfinex did the refund, only its answer came too late. (Were the call refused,
  // by a rate limit say, there would be no withdrawal to find, and "not seen" would be right.)
  const state = await (await request.get("/sandbox/control/state")).json();
  const answers = (state.requests.recent as Array<{ apiPath: string; status: number }>)
    .filter((r) => r.apiPath.includes("pay/invoice/refund"))
    .map((r) => r.status);
  expect(
    await sandboxRefunds(request, checkout.id),
    `Bitfinex's answers to refunds: ${answers.join(", ")}`,
  ).toHaveLength(1);
  await refunds.getByRole("button", { name: "Ask Bitfinex" }).click();
  await expect(refunds.getByRole("row").nth(1)).toContainText("sent");
  expect(await sandboxRefunds(request, checkout.id)).toHaveLength(1);
});

test("a refund over the merchant API with the same Idempotency-Key twice is sent once", async ({ request }) => {
  const checkout = await paidCheckout(request, false);
  const key = `refund-${checkout.id}`;
  const body = { amount: "0.00001", currency: "BTC", address: REFUND_ADDRESS };
  const first = await request.post(`/api/v1/checkouts/${checkout.id}/refunds`, {
    headers: { ...auth, "idempotency-key": key },
    data: body,
  });
  expect(first.status()).toBe(201);
  const refund = await first.json();
  expect(refund).toMatchObject({
    object: "refund",
    status: "sent",
    amount: "0.00001",
    currency: "BTC",
    kind: "partial",
    address: REFUND_ADDRESS,
  });
  const again = await request.post(`/api/v1/checkouts/${checkout.id}/refunds`, {
    headers: { ...auth, "idempotency-key": key },
    data: body,
  });
  expect(again.status()).toBe(200);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect((await again.json()).id).toBe(refund.id);
  expect(await sandboxRefunds(request, checkout.id)).toHaveLength(1);
  const reused = await request.post(`/api/v1/checkouts/${checkout.id}/refunds`, {
    headers: { ...auth, "idempotency-key": key },
    data: { ...body, amount: "0.00002" },
  });
  expect(reused.status()).toBe(422);
  expect((await reused.json()).error.code).toBe("idempotency_key_reused");
  const list = await (await request.get(`/api/v1/checkouts/${checkout.id}/refunds`, { headers: auth })).json();
  expect(list.data.map((r: { id: string }) => r.id)).toEqual([refund.id]);
  expect((await (await request.get(`/api/v1/checkouts/${checkout.id}`, { headers: auth })).json()).amountRefunded).toBe(
    "0.00001",
  );
  const bad = await request.post(`/api/v1/checkouts/${checkout.id}/refunds`, {
    headers: auth,
    data: { amount: "full", address: "not-an-address" },
  });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_field", field: "address" });
});

test("limits: above Bitfinex's limit refused at creation; a currency outside its range not offered; nothing payable said once; one customer at their daily limit does not block another", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await signIn(page, "/dashboard/health");
  await setLimits(page, request, { customerDailyLimit: "1000000", limitCcy: "USD", currencyLimits: {} });
  const over = await request.post("/api/v1/checkouts", {
    headers: auth,
    data: { amount: "1234.56", currency: "USD", orderId: `limit-${Date.now()}` },
  });
  expect(over.status()).toBe(422);
  const error = (await over.json()).error;
  expect(error).toMatchObject({ code: "amount_out_of_range", field: "amount" });
  expect(error.message).toContain("$1,234.56");
  expect(error.message).toContain("$1,000.00");

  // A checkout only Tron USDt could pay, then Tron USDt limited to $10: nothing fits any more.
  const stranded = await newCheckout(request, { payCurrencies: ["UST-TRX"], redirectUrl: `${baseURL}/` });
  await setLimits(page, request, { currencyLimits: { "UST-TRX": { min: "0.1", max: "10" } } });
  const both = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] });
  await page.goto(`/pay/${both.id}`);
  await expect(page.getByRole("radio", { name: /^Bitcoin$/ })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Tron/ })).toHaveCount(0);
  await page.goto(`/pay/${stranded.id}`);
  const unpayable = page.getByTestId("unpayable");
  await expect(unpayable.getByRole("heading", { name: "This order cannot be paid here" })).toBeVisible();
  await expect(unpayable.getByRole("link", { name: "Back to the shop" })).toHaveAttribute(
    "href",
    new RegExp(`^${baseURL}/\\?`),
  );
  await expect(page.getByRole("radio")).toHaveCount(0);
  await page.screenshot({ path: "test-results/pay-unpayable.png", fullPage: true });
  await expectAccessible(page, "unpayable");

  await page.goto("/dashboard/health");
  const limits = page.getByTestId("pay-limits");
  await expect(limits).toContainText("Daily limit per end customer: $1,000,000.00 per 24 hours");
  await expect(limits.getByRole("row", { name: /Tron/ })).toContainText("$0.10 to $10.00");
  await page.screenshot({ path: "test-results/health-limits.png", fullPage: true });
  await page.goto("/dashboard/checkouts/new");
  await expect(page.getByTestId("pay-limits")).toContainText("Daily limit per end customer");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/new-checkout-limits-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Bitfinex's daily limit is per end customer (by email): A reaches theirs, B is not affected.
  await setLimits(page, request, { customerDailyLimit: "30", currencyLimits: {} });
  const tag = Math.random().toString(36).slice(2, 8);
  const customer = (email: string) => ({
    type: "ECOMMERCE",
    payCurrencies: ["BTC", "LNX"],
    redirectUrl: `${baseURL}/`,
    customerInfo: {
      nationality: "DE",
      residCountry: "GB",
      residCity: "London",
      residZipCode: "WC2H 7NA",
      residStreet: "5-6 Leicester Square",
      fullName: "Ada Lovelace",
      email,
    },
  });
  const a = `a-${tag}@example.com`;
  const first = await newCheckout(request, customer(a));
  const second = await newCheckout(request, customer(a));
  const paying = await request.post(`/api/checkouts/${first.id}/payment`, { data: { payCurrency: "BTC" } });
  expect(paying.status()).toBe(200); // A's first invoice: $25 of their $30 today
  expect(await dashboardPost(page, "/api/dashboard/limits")).toBe(200);
  const refused = await request.post("/api/v1/checkouts", {
    headers: auth,
    data: { amount: "25.00", currency: "USD", orderId: `limit-a-${tag}`, ...customer(a) },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatchObject({ code: "over_daily_limit", field: "amount" });
  expect((await refused.json()).error.message).toContain(`${a}: $5.00 left of $30.00 per 24 hours`);
  const b = await newCheckout(request, customer(`b-${tag}@example.com`));

  // A's second checkout (made while they had room): Bitcoin is not offered, Lightning is, and why is said.
  await page.goto(`/pay/${second.id}`);
  await expect(page.getByTestId("daily-limit")).toContainText("daily Bitfinex Pay limit");
  await expect(page.getByRole("radio", { name: /Lightning/ })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Bitcoin$/ })).toHaveCount(0);
  await page.screenshot({ path: "test-results/pay-daily-limit.png", fullPage: true });
  await expectAccessible(page, "daily limit");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/pay-daily-limit-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  const blocked = await request.post(`/api/checkouts/${second.id}/payment`, { data: { payCurrency: "BTC" } });
  expect(blocked.status()).toBe(422);
  expect((await blocked.json()).error).toMatchObject({ code: "over_daily_limit", available: ["LNX"] });
  await page.getByRole("radio", { name: /Lightning/ }).check();
  await expect(page.getByTestId("qr")).toBeVisible();

  // B pays with Bitcoin as usual.
  await page.goto(`/pay/${b.id}`);
  await expect(page.getByTestId("daily-limit")).toHaveCount(0);
  await page.getByRole("radio", { name: /^Bitcoin$/ }).check();
  await expect(page.getByTestId("qr")).toBeVisible();

  // The merchant sees why on A's checkout page.
  await page.goto(`/dashboard/checkouts/${second.id}`);
  await expect(page.getByTestId("timeline")).toContainText(`No Bitfinex Pay invoice`);
  await expect(page.getByTestId("timeline")).toContainText(`${a}: $5.00 left of $30.00 per 24 hours`);
  await page.screenshot({ path: "test-results/checkout-daily-limit-timeline.png", fullPage: true });
  await setLimits(page, request, { customerDailyLimit: "1000000", currencyLimits: {} });
});

test("an automatic conversion rule added and removed in the settings, said in words", async ({ page, request }) => {
  await signIn(page, "/dashboard/settings");
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Automatic conversion" }) });
  await card.getByLabel("Convert payments in").selectOption("UST");
  await card.getByLabel("Into").selectOption("USD");
  await card.getByRole("button", { name: "Add rule" }).click();
  const rules = card.getByTestId("conversion-rules");
  await expect(rules).toContainText("UST → USD");
  await expect(rules).toContainText("Every USDt payment (on any network) is converted to US dollars");
  expect((await (await request.get("/sandbox/control/state")).json()).conversions).toEqual([
    expect.objectContaining({ baseCcy: "UST", convertCcy: "USD" }),
  ]);
  await page.screenshot({ path: "test-results/settings-conversion.png", fullPage: true });
  await card.getByRole("button", { name: "Remove UST → USD" }).click();
  await expect(card.getByText("No rule: payments stay in the currency they were paid in.")).toBeVisible();
  expect((await (await request.get("/sandbox/control/state")).json()).conversions).toEqual([]);
});
