// A checkout embedded in a merchant's page with /embed.js: the overlay (focus, Escape, scroll
// lock), the events the page hears (only from the overlay's own frame on the app's origin),
// payment links and signed links through their redirects, an origin that is not allowed blocked
// by frame-ancestors, and the demo shop. The merchant's pages are served by tiny HTTP servers on
// 127.0.0.1: one on the origin the sandbox app allows (EMBED_ORIGINS), one on another port.
import { expect, test, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { EMBED_BLOCKED_PORT, EMBED_PORT, LIVE_PORT } from "../playwright.config";
import { auth, expectAccessible, newCheckout } from "./support/checkout";

interface CheckoutEvent {
  type: string;
  checkoutId: string | null;
  orderId: string | null;
  state: string | null;
}

const allowed = `http://127.0.0.1:${EMBED_PORT}`;
const blocked = `http://127.0.0.1:${EMBED_BLOCKED_PORT}`;
const servers: Server[] = [];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A merchant's page: /?link=…&button=…&frame=… put a checkout link, a button and a second (non-overlay) frame on it. */
function merchantPage(appOrigin: string, query: URLSearchParams): string {
  const link = query.get("link");
  const button = query.get("button");
  const frame = query.get("frame");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mug Shop</title>
<script src="${escapeHtml(appOrigin)}/embed.js" async></script>
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; background: #f6f1e7; color: #2b2118; }
  header { padding: 16px 24px; background: #2b2118; color: #f6f1e7; font-size: 20px; }
  main { max-width: 720px; margin: 0 auto; padding: 24px; }
  .product { display: flex; gap: 24px; align-items: center; padding: 24px; background: #fff; border-radius: 12px; }
  .photo { width: 160px; height: 160px; border-radius: 8px; background: linear-gradient(135deg, #c9a27e, #7a5134); }
  a[data-bitfinex-checkout], button { display: inline-block; margin: 8px 8px 0 0; padding: 10px 18px; border: 0; border-radius: 999px;
    background: #2b2118; color: #fff; font: inherit; text-decoration: none; cursor: pointer; }
  .filler { height: 1600px; }
</style></head>
<body>
<header>Mug Shop</header>
<main>
  <div class="product"><div class="photo"></div><div><h1>The Morning Mug</h1><p>Handmade stoneware, 350 ml. $25.00</p>
    ${link ? `<a id="pay-link" href="${escapeHtml(link)}" data-bitfinex-checkout>Pay with crypto</a>` : ""}
    ${button ? `<button id="pay-button" data-bitfinex-checkout="${escapeHtml(button)}">Pay with crypto (button)</button>` : ""}
  </div></div>
  ${frame ? `<iframe id="other" title="Another checkout" src="${escapeHtml(frame)}" style="width:100%;height:300px;border:0;margin-top:24px"></iframe>` : ""}
  <p class="filler">Long page, so the scroll lock matters.</p>
</main>
<script>
  window.events = [];
  window.addEventListener("bitfinex-checkout", function (e) { window.events.push(e.detail); });
</script>
</body></html>`;
}

async function serve(port: number, appOrigin: string) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      url.pathname === "/"
        ? merchantPage(appOrigin, url.searchParams)
        : "<!doctype html><title>Thanks</title><p>Thanks page</p>",
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  servers.push(server);
}

test.beforeAll(async ({ baseURL }) => {
  await serve(EMBED_PORT, baseURL!);
  await serve(EMBED_BLOCKED_PORT, baseURL!);
});

test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function openMerchant(page: Page, origin: string, params: Record<string, string>) {
  await page.goto(`${origin}/?${new URLSearchParams(params)}`);
  await page.waitForFunction(() => "BitfinexCheckout" in window);
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: CheckoutEvent[] }).events);
const types = async (page: Page) => (await events(page)).map((e) => e.type);
const overlayFrame = (page: Page) => page.frameLocator("[data-bitfinex-checkout-overlay] iframe");

test("a merchant's page on an allowed origin opens the checkout in an overlay and hears opened, paid and closed", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  // The browser's clock is the test's (time still flows), so the paid page's redirect countdown can be run out below.
  await page.clock.install();
  const checkout = await newCheckout(request, { payCurrencies: ["BTC", "LNX"], redirectUrl: `${allowed}/thanks` });
  await openMerchant(page, allowed, { link: checkout.url });
  const link = page.getByRole("link", { name: "Pay with crypto" });
  await link.click();

  const dialog = page.getByRole("dialog", { name: "Checkout" });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("button", { name: "Close" })).toBeFocused();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("hidden");
  const frame = overlayFrame(page);
  await expect(frame.getByTestId("fiat-total")).toContainText("$25.00");
  await expect
    .poll(() => events(page))
    .toEqual([{ type: "opened", checkoutId: checkout.id, orderId: expect.any(String), state: "awaiting_payment" }]);
  expect(await dialog.locator("iframe").getAttribute("src")).toBe(`${checkout.url}?embed=1`);
  await page.screenshot({ path: "test-results/embed-merchant-desktop.png" });
  await expectAccessible(page, "overlay open");

  await frame.getByRole("radio", { name: /^Bitcoin$/ }).check();
  await expect(frame.getByTestId("qr")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/embed-merchant-phone.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/embed-merchant-phone-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  const box = await dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await page.setViewportSize({ width: 1280, height: 720 });

  expect((await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(() => events(page), { timeout: 15_000 })
    .toContainEqual({ type: "paid", checkoutId: checkout.id, orderId: expect.any(String), state: "paid" });
  // The merchant's page decides what comes next: the frame neither redirects nor offers to.
  await expect(frame.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(frame.getByRole("link", { name: "Return now" })).toHaveCount(0);
  // Past the 5 s a standalone page counts down before leaving for the return URL: still here.
  await page.clock.runFor(6_000);
  await expect(frame.getByRole("heading", { name: "Payment received" })).toBeVisible();
  expect(page.frames().map((f) => new URL(f.url()).pathname)).not.toContain("/thanks");

  await expect(page.getByRole("link", { name: "Open it in a new tab" })).toBeHidden();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await events(page)).at(-1)).toEqual({
    type: "closed",
    checkoutId: checkout.id,
    orderId: expect.any(String),
    state: "paid",
  });
  expect(await types(page)).toEqual(["opened", "paid", "closed"]);
  await expect(link).toBeFocused();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).not.toBe("hidden");
});

test("a button with a payment link follows its redirect in the frame, and Escape inside the checkout closes it", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/v1/payment-links", {
    headers: auth,
    data: { name: "Morning Mug", amount: "10.00", currency: "USD" },
  });
  expect(res.status()).toBe(201);
  const link = (await res.json()) as { url: string };
  await openMerchant(page, allowed, { button: link.url });
  const button = page.getByRole("button", { name: "Pay with crypto (button)" });
  await button.click();
  const frame = overlayFrame(page);
  await expect(frame.getByTestId("fiat-total")).toContainText("$10.00");
  await expect.poll(() => types(page)).toEqual(["opened"]);
  const opened = (await events(page))[0]!;
  expect(opened.checkoutId).toMatch(/^co_[a-z2-7]{26}$/);
  const payFrame = page.frames().find((f) => f.url().includes(`/pay/${opened.checkoutId}`));
  expect(new URL(payFrame!.url()).searchParams.get("embed")).toBe("1");

  // Keys pressed inside the checkout never reach the merchant's page: the frame passes Escape on.
  await frame.getByRole("radio", { name: /^Bitcoin$/ }).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await types(page)).toEqual(["opened", "closed"]);
  await expect(button).toBeFocused();

  // Escape on the page itself (focus on Close) closes too.
  await button.click();
  await expect(page.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(button).toBeFocused();
});

test("a payment link where the customer chooses the amount stays in embed mode through its form", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/v1/payment-links", {
    headers: auth,
    data: { name: "Tip jar", currency: "USD", minAmount: "1.00" },
  });
  expect(res.status()).toBe(201);
  const link = (await res.json()) as { url: string };
  await openMerchant(page, allowed, { link: link.url });
  await page.getByRole("link", { name: "Pay with crypto" }).click();
  const frame = overlayFrame(page);
  await frame.getByRole("textbox", { name: "Amount (USD)" }).fill("7.50");
  await frame.getByRole("button", { name: "Continue to payment" }).click();
  await expect(frame.getByTestId("fiat-total")).toContainText("$7.50");
  await expect.poll(() => types(page)).toEqual(["opened"]);
  const payFrame = page.frames().find((f) => f.url().includes("/pay/co_"));
  expect(new URL(payFrame!.url()).searchParams.get("embed")).toBe("1");
});

test("the JS API opens a signed link, reports opened and expired through onEvent and the window event, and close() closes", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/v1/signed-links", {
    headers: auth,
    data: { amount: "5.00", currency: "USD", orderId: `S-${Date.now()}` },
  });
  expect(res.status()).toBe(201);
  const signed = (await res.json()) as { url: string; orderId: string };
  await openMerchant(page, allowed, {});
  await page.evaluate((url) => {
    const w = window as unknown as {
      apiEvents: unknown[];
      handle: { close(): void };
      BitfinexCheckout: { open(u: string, o: object): { close(): void } };
    };
    w.apiEvents = [];
    w.handle = w.BitfinexCheckout.open(url, { onEvent: (e: unknown) => w.apiEvents.push(e) });
  }, signed.url);
  await expect(overlayFrame(page).getByTestId("fiat-total")).toContainText("$5.00");
  const apiEvents = () => page.evaluate(() => (window as unknown as { apiEvents: CheckoutEvent[] }).apiEvents);
  await expect
    .poll(apiEvents)
    .toEqual([
      { type: "opened", checkoutId: expect.stringMatching(/^co_/), orderId: signed.orderId, state: "awaiting_payment" },
    ]);
  // The deadline passes: expired, once, with the state.
  const checkoutId = (await apiEvents())[0]!.checkoutId;
  expect((await request.post(`/sandbox/control/checkouts/${checkoutId}/expire-now`)).status()).toBe(200);
  await expect
    .poll(apiEvents, { timeout: 15_000 })
    .toContainEqual({ type: "expired", checkoutId, orderId: signed.orderId, state: "expired" });
  await page.evaluate(() => (window as unknown as { handle: { close(): void } }).handle.close());
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect((await apiEvents()).map((e) => e.type)).toEqual(["opened", "expired", "closed"]);
  expect(await events(page)).toEqual(await apiEvents());

  // Not a checkout URL of the app: refused, nothing opens.
  const error = await page.evaluate(() => {
    try {
      (window as unknown as { BitfinexCheckout: { open(u: string): unknown } }).BitfinexCheckout.open(
        "https://evil.example/pay/co_x",
      );
      return null;
    } catch (e) {
      return String(e);
    }
  });
  expect(error).toContain("not a checkout URL");
});

test("a page on an origin that is not allowed gets no checkout: frame-ancestors blocks the frame and nothing is reported", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request);
  const csp = (await request.get(checkout.url)).headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`frame-ancestors 'self' ${allowed}`);
  expect(csp).not.toContain(blocked);

  await openMerchant(page, blocked, { link: checkout.url });
  await page.getByRole("link", { name: "Pay with crypto" }).click();
  await expect(page.getByRole("dialog", { name: "Checkout" })).toBeVisible();
  // The customer is not stuck: the checkout, silent, is offered in a tab of its own.
  const fallback = page.getByRole("link", { name: "Open it in a new tab" });
  await expect(fallback).toBeVisible({ timeout: 12_000 });
  expect(await fallback.getAttribute("href")).toBe(checkout.url);
  await expect(overlayFrame(page).getByTestId("fiat-total")).toHaveCount(0);
  expect(await events(page)).toEqual([]);
  await page.screenshot({ path: "test-results/embed-blocked-origin.png" });
});

test("messages from anywhere but the overlay's own frame are ignored: the page itself, another checkout frame", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const mine = await newCheckout(request, { payCurrencies: ["BTC"] });
  const other = await newCheckout(request, { payCurrencies: ["BTC"] });
  // A second checkout framed on the same page in embed mode: same origin as the overlay's, another window.
  await openMerchant(page, allowed, { link: mine.url, frame: `${other.url}?embed=1` });
  const otherFrame = page.frameLocator("#other");
  await otherFrame.getByRole("radio", { name: /^Bitcoin$/ }).check(); // before the overlay covers it
  await expect(otherFrame.getByTestId("qr")).toBeVisible();
  await page.getByRole("link", { name: "Pay with crypto" }).click();
  await expect.poll(() => events(page)).toEqual([expect.objectContaining({ type: "opened", checkoutId: mine.id })]);
  // Every checkout message the page receives, noted after embed.js's own listener has had it
  // (listeners of one event run in the order they were added).
  await page.evaluate(() => {
    const w = window as unknown as { heard: string[] };
    w.heard = [];
    window.addEventListener("message", (e: MessageEvent<{ source?: string; type?: string }>) => {
      if (e.data?.source === "bitfinex-checkout") w.heard.push(e.data.type ?? "");
    });
  });
  const heardPaid = () =>
    page.evaluate(() => (window as unknown as { heard: string[] }).heard.filter((t) => t === "paid").length);

  // Forged by the page (or a script on it): right shape, wrong origin and window.
  await page.evaluate(
    (id) =>
      window.postMessage(
        { source: "bitfinex-checkout", type: "paid", checkoutId: id, orderId: "X", state: "paid" },
        "*",
      ),
    mine.id,
  );
  // The other frame really is paid and says so to its parent: right origin, wrong window.
  expect((await request.post(`/sandbox/control/invoices/${other.id}/pay`, { data: {} })).status()).toBe(200);
  await expect(otherFrame.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  // Both reached the page (the forged one and the other frame's), and embed.js heard neither.
  await expect.poll(heardPaid, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(await types(page)).toEqual(["opened"]);

  // The real one still gets through.
  await overlayFrame(page)
    .getByRole("radio", { name: /^Bitcoin$/ })
    .check();
  await expect(overlayFrame(page).getByTestId("qr")).toBeVisible();
  expect((await request.post(`/sandbox/control/invoices/${mine.id}/pay`, { data: {} })).status()).toBe(200);
  await expect.poll(() => types(page), { timeout: 15_000 }).toEqual(["opened", "paid"]);
  expect((await events(page))[1]!.checkoutId).toBe(mine.id);
});

test("the demo shop buys a mug in the overlay and logs opened, paid and closed", async ({ page, request }) => {
  test.setTimeout(60_000);
  await page.goto("/");
  await page.getByRole("link", { name: "demo shop" }).click();
  await expect(page.getByRole("heading", { name: "Sandbox Shop" })).toBeVisible();
  await page.waitForFunction(() => "BitfinexCheckout" in window);
  await page.screenshot({ path: "test-results/embed-demo-shop.png", fullPage: true });
  const buy = page.getByRole("button", { name: "Buy Ceramic mug" });
  await buy.click();

  const frame = overlayFrame(page);
  await expect(frame.getByTestId("fiat-total")).toContainText("$12.00");
  const log = page.getByRole("log", { name: "Checkout events" });
  await expect(log.getByTestId("event")).toHaveCount(1);
  const id = /co_[a-z2-7]{26}/.exec((await log.textContent()) ?? "")?.[0];
  expect(id).toBeTruthy();
  await page.screenshot({ path: "test-results/embed-demo-desktop.png" });

  await frame.getByRole("radio", { name: /^Bitcoin$/ }).check();
  await expect(frame.getByTestId("qr")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/embed-demo-phone.png" });

  expect((await request.post(`/sandbox/control/invoices/${id}/pay`, { data: {} })).status()).toBe(200);
  await expect(frame.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expect(log.locator('[data-type="paid"]')).toContainText(id!);
  await page.screenshot({ path: "test-results/embed-demo-phone-paid.png" });
  await page.getByRole("button", { name: "Close" }).click();
  await expect(log.getByTestId("event")).toHaveText([/opened/, /paid/, /closed/]);
  await expect(page.getByRole("status").filter({ hasText: "is paid" })).toBeVisible();
  await expect(buy).toBeFocused();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: "test-results/embed-demo-after.png", fullPage: true });
});

test("the demo shop does not exist in live mode", async ({ request }) => {
  expect((await request.get(`http://127.0.0.1:${LIVE_PORT}/demo`)).status()).toBe(404);
  expect(
    (await request.post(`http://127.0.0.1:${LIVE_PORT}/demo/checkout`, { data: { product: "mug" } })).status(),
  ).toBe(404);
});
