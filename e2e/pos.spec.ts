// The point-of-sale terminal (/dashboard/pos) on a tablet and a phone, portrait and landscape:
// an amount typed by touch and keyboard (decimals of the currency respected), "Charge", the
// customer's payment page full screen, paid in the sandbox, the large tick, "New sale". The sale is
// a POS checkout like any other: in the merchant API, the CSV and the webhook events.
// Screenshots land in test-results/pos-*.png.
import { expect, test, type Page } from "@playwright/test";
import { auth, expectAccessible } from "./support/checkout";
import { confirmInPage, signIn } from "./support/dashboard";

const DEVICES = [
  { name: "tablet", width: 820, height: 1180 },
  { name: "phone", width: 390, height: 844 },
] as const;

const landscape = (d: (typeof DEVICES)[number]) => ({ width: d.height, height: d.width });
const tap = (page: Page, key: string) =>
  page.getByRole("group", { name: "Keypad" }).getByRole("button", { name: key, exact: true }).click();

for (const device of DEVICES) {
  test(`POS on a ${device.name} (${device.width}x${device.height}): keypad, charge, customer pays, paid tick, new sale`, async ({
    page,
    request,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: device.width, height: device.height });
    await signIn(page, "/dashboard/pos");
    const amount = page.getByTestId("pos-amount");
    const charge = page.getByRole("button", { name: /^Charge/ });
    await expect(amount).toHaveText("0");
    await expect(charge).toBeDisabled();

    // Touch: 1 2 . 3 4 5 (the third decimal is ignored), then ⌫ by touch.
    for (const key of ["1", "2", "Decimal point", "3", "4", "5"]) await tap(page, key);
    await expect(amount).toHaveText("12.34");
    await tap(page, "Delete last digit");
    await expect(amount).toHaveText("12.3");
    // Keyboard: Backspace, digits, and "," as the point is ignored once there is one.
    await page.keyboard.press("Backspace");
    await page.keyboard.type("5,0");
    await expect(amount).toHaveText("12.50");
    await expect(charge).toHaveText("Charge $12.50");
    await page.screenshot({ path: `test-results/pos-${device.name}-keypad.png` });
    await expectAccessible(page, `POS keypad, ${device.name}`);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `test-results/pos-${device.name}-keypad-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(landscape(device));
    await expect(charge).toBeInViewport();
    await page.screenshot({ path: `test-results/pos-${device.name}-keypad-landscape.png` });
    await page.setViewportSize({ width: device.width, height: device.height });

    // Enter charges.
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/dashboard/pos/sales") && r.request().method() === "POST",
    );
    await page.keyboard.press("Enter");
    const sale = (await (await created).json()) as { id: string; orderId: string };
    expect(sale.orderId).toMatch(/^POS-\d{8}-[0-9a-f]{10}$/);
    const screen = page.getByTestId("pos-sale");
    await expect(screen).toBeVisible();
    await expect(page.getByTestId("pos-sale-amount")).toHaveText("$12.50");
    // Full screen: the dashboard's navigation is covered.
    expect(await screen.boundingBox()).toEqual({ x: 0, y: 0, width: device.width, height: device.height });

    // The customer picks Bitcoin on the payment page in the frame and sees the QR.
    const customer = page.frameLocator('iframe[title="Payment for the customer"]');
    await customer.getByRole("radio", { name: /^Bitcoin$/ }).check();
    await expect(customer.getByTestId("qr")).toBeVisible();
    await expect(customer.getByTestId("fiat-total")).toContainText("$12.50");
    await page.screenshot({ path: `test-results/pos-${device.name}-customer.png` });
    await page.setViewportSize(landscape(device));
    await page.screenshot({ path: `test-results/pos-${device.name}-customer-landscape.png` });
    await page.setViewportSize({ width: device.width, height: device.height });

    // The sandbox plays the customer's wallet.
    expect((await request.post(`/sandbox/control/invoices/${sale.id}/pay`, { data: {} })).status()).toBe(200);
    const paid = page.getByTestId("pos-paid");
    await expect(paid).toBeVisible({ timeout: 15_000 });
    await expect(paid.getByRole("status")).toHaveText("Paid");
    await expect(paid).toContainText("$12.50");
    await page.screenshot({ path: `test-results/pos-${device.name}-paid.png` });
    await expectAccessible(page, `POS paid, ${device.name}`);
    await page.setViewportSize(landscape(device));
    await page.screenshot({ path: `test-results/pos-${device.name}-paid-landscape.png` });
    await page.setViewportSize({ width: device.width, height: device.height });

    // "New sale" has the focus: Enter starts the next sale on an empty keypad.
    await expect(page.getByRole("button", { name: "New sale" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(amount).toHaveText("0");

    // A POS checkout like any other: the merchant API, the CSV, the webhook events.
    const view = await (await request.get(`/api/v1/checkouts/${sale.id}`, { headers: auth })).json();
    expect(view).toMatchObject({ type: "POS", source: "pos", amount: "12.50", currency: "USD", orderId: sale.orderId });
    expect(["paid", "paid_late"]).toContain(view.state);
    const csv = await page.evaluate(
      async (id) => (await fetch(`/api/dashboard/checkouts/export?search=${id}`)).text(),
      sale.id,
    );
    expect(csv).toContain(sale.orderId);
    expect(csv).toMatch(/,"pos",/);
    await page.goto(`/dashboard/checkouts/${sale.id}`);
    await expect(page.getByRole("cell", { name: "checkout.paid" })).toBeVisible();
  });
}

test("POS: the nav links to it; JPY has no decimals; a double Enter makes one sale; Cancel sale expires it", async ({
  page,
}) => {
  await signIn(page, "/dashboard");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Point of sale" }).click();
  await expect(page).toHaveURL(/\/dashboard\/pos$/);
  await page.getByLabel("Currency").selectOption("JPY");
  await expect(page.getByRole("button", { name: "Decimal point" })).toBeDisabled();
  await page.getByTestId("pos-terminal").click({ position: { x: 5, y: 200 } });
  await page.keyboard.type("1.5");
  await expect(page.getByTestId("pos-amount")).toHaveText("15");
  await expect(page.getByRole("button", { name: /^Charge/ })).toHaveText("Charge ¥15");
  // The currency is remembered on this device.
  await page.reload();
  await expect(page.getByLabel("Currency")).toHaveValue("JPY");

  await page.keyboard.type("2500");
  const sales: string[] = [];
  page.on("response", async (r) => {
    if (r.url().endsWith("/api/dashboard/pos/sales")) sales.push(((await r.json()) as { id: string }).id);
  });
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pos-sale")).toBeVisible();
  await expect.poll(() => sales.length).toBeGreaterThanOrEqual(1);
  expect(new Set(sales).size, "one checkout, however many presses").toBe(1);

  // Asked in the page (not the browser's confirm()): keeping the sale leaves it on screen.
  await page.getByRole("button", { name: "Cancel sale" }).click();
  await confirmInPage(page, "Keep the sale");
  await expect(page.getByTestId("pos-sale")).toBeVisible();
  await page.getByRole("button", { name: "Cancel sale" }).click();
  await confirmInPage(page, "Cancel sale");
  await expect(page.getByTestId("pos-terminal")).toBeVisible();
  const state = await page.evaluate(
    async (id) => (await (await fetch(`/api/checkouts/${id}/status`)).json()).state,
    sales[0]!,
  );
  expect(state).toBe("expired");
  await page.evaluate(() => window.localStorage.removeItem("pos.currency"));
});
