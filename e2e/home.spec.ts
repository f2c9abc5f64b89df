import { expect, test } from "@playwright/test";
import { LIVE_PORT } from "../playwright.config";
import { expectAccessible } from "./support/checkout";

test("the home page shows the sandbox banner and both rails working", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("no real funds move");
  await expect(page.getByText("Bitfinex Pay: available")).toBeVisible();
  await expect(page.getByText("Lightning: available")).toBeVisible();
  await page.screenshot({ path: "test-results/home-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/home-phone.png", fullPage: true });
});

test("the home page leads to the dashboard (with the sandbox sign-in), health, the API reference and going live", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Where to go" });
  await expect(page.getByTestId("sandbox-sign-in")).toHaveText("Sandbox sign-in: admin / sandbox");
  await expect(page.getByTestId("go-live-steps")).toContainText("ADMIN_PASSWORD_HASH");
  await expect(page.getByTestId("go-live-steps")).toContainText("NEXTAUTH_SECRET");
  await expect(page.getByTestId("go-live-steps")).toContainText("MERCHANT_NAME");
  await expectAccessible(page, "home");
  // Every door opens: the OpenAPI document is JSON, the dashboard and health ask for a sign-in.
  const openapi = await request.get(
    (await nav.getByRole("link", { name: "API reference (OpenAPI)" }).getAttribute("href")) as string,
  );
  expect(openapi.status()).toBe(200);
  expect((await openapi.json()).openapi).toMatch(/^3\./);
  await nav.getByRole("link", { name: "Health" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard/health");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Health: ok");
  await expectAccessible(page, "health");
  await page.screenshot({ path: "test-results/health-desktop.png", fullPage: true });
  await page.goto("/");
  await nav.getByRole("link", { name: "Dashboard" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
});

test("the live instance's health names the real Bitfinex host and says its http:// APP_URL turns Bitfinex's webhook off", async ({
  request,
}) => {
  const body = await (await request.get(`http://127.0.0.1:${LIVE_PORT}/api/health?fresh=1`)).json();
  expect(body.mode).toBe("live");
  expect(body.warnings).toContain("bitfinex_webhook_off");
  // Against a Bitfinex with every address and permission in place: nothing fails, so ok.
  expect(body.problems).toEqual([]);
  expect(body.status).toBe("ok");
  const home = await (await request.get(`http://127.0.0.1:${LIVE_PORT}/`)).text();
  expect(home).toContain(`live (127.0.0.1:${LIVE_PORT - 1})`);
});

test("the health endpoint reports sandbox mode and the state of each rail", async ({ request }) => {
  const res = await request.get("/api/health?fresh=1");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({
    status: "ok",
    problems: [],
    mode: "sandbox",
    rails: { pay: { available: true }, lightning: { available: true } },
  });
});

test("when the sandbox withdraws the Pay API, health says Pay is unavailable and Lightning still works", async ({
  request,
}) => {
  const off = await request.post("/sandbox/control/pay-api", { data: { availability: "withdrawn" } });
  expect(off.status()).toBe(200);
  try {
    const body = await (await request.get("/api/health?fresh=1")).json();
    expect(body.status).toBe("ok");
    expect(body.rails.pay).toMatchObject({ available: false, reason: "pay_unavailable" });
    expect(body.rails.lightning.available).toBe(true);
    // Bitfinex's raw answer never reaches the browser.
    expect(JSON.stringify(body)).not.toContain("Not Found");
  } finally {
    await request.post("/sandbox/control/pay-api", { data: { availability: "available" } });
    await request.get("/api/health?fresh=1");
  }
});
