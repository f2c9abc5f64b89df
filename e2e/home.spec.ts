import { expect, test } from "@playwright/test";

test("the home page shows the sandbox banner and both rails working", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("no real funds move");
  await expect(page.getByText("Bitfinex Pay: available")).toBeVisible();
  await expect(page.getByText("Lightning: available")).toBeVisible();
  await page.screenshot({ path: "test-results/home-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: "test-results/home-phone.png", fullPage: true });
});

test("the health endpoint reports sandbox mode and the state of each rail", async ({ request }) => {
  const res = await request.get("/api/health?fresh=1");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({
    status: "ok",
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
