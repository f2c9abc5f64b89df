// Payment links edited after they were made (issue 18): in the dashboard (name, range, preset
// amounts, currencies, time to pay, redirect URL) and over the API's PATCH; the customer's amount
// page offers the presets as buttons; each link counts its paid checkouts and their volume.
import { expect, test } from "@playwright/test";
import { auth } from "./support/checkout";
import { signIn } from "./support/dashboard";

test("a payment link is edited in the dashboard, its presets are buttons for the customer, its sales are counted", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Tip jar ${Date.now()}`;
  await signIn(page, "/dashboard/links");
  const create = page.locator("section", { has: page.getByRole("heading", { name: "New payment link" }) });
  await create.getByLabel("Name (shown to customers)").fill(name);
  await create.getByLabel("Minimum amount").fill("1.00");
  await create.getByLabel("Maximum amount").fill("50.00");
  await create.getByRole("button", { name: "Create link" }).click();
  const card = page.locator("section", { has: page.getByRole("heading", { name, exact: true }) });
  await expect(card.getByTestId("link-amount")).toContainText("Customer chooses from 1.00 up to 50.00 USD");
  await expect(card.getByTestId("link-sales")).toHaveText("No paid checkout yet");
  const url = (await card.locator("pre").first().textContent())!;

  // Edit: a refused value is said beside its field; then a new name, presets, currencies, time and redirect.
  await card.getByText("Edit link").click();
  const edit = card.locator("form").last();
  await edit.getByLabel("Preset amounts (customer chooses)").fill("5, 10, 80");
  await edit.getByRole("button", { name: "Save link" }).click();
  await expect(edit.getByText("Preset amounts: item 3 must not be more than maximum amount.")).toBeVisible();
  await expect(edit.getByLabel("Preset amounts (customer chooses)")).toHaveAttribute("aria-invalid", "true");
  const renamed = `${name} (edited)`;
  await edit.getByLabel("Name (shown to customers)").fill(renamed);
  await edit.getByLabel("Preset amounts (customer chooses)").fill("5, 10, 25");
  await edit.getByLabel("Time to pay (minutes)").fill("30");
  await edit.getByRole("checkbox", { name: /^Ether on Ethereum ETH$/ }).uncheck();
  await edit.getByLabel("Redirect URL after payment (optional)").fill("https://shop.example/thanks");
  await edit.getByRole("button", { name: "Save link" }).click();
  // (The card's heading is the new name once saved, so the message is looked for on the page.)
  await expect(page.getByRole("status").filter({ hasText: "Link saved." })).toBeVisible();
  const editedCard = page.locator("section", { has: page.getByRole("heading", { name: renamed, exact: true }) });
  await expect(editedCard.getByTestId("link-amount")).toContainText("(buttons: 5.00, 10.00, 25.00)");
  await expect(editedCard.getByTestId("link-amount")).toContainText("30 min to pay");
  await page.screenshot({ path: "test-results/links-edited-desktop.png", fullPage: true });

  // The API sees the same link and edits it too.
  const id = url.split("/l/")[1]!;
  const api = await (await request.get(`/api/v1/payment-links/${id}`, { headers: auth })).json();
  expect(api).toMatchObject({
    name: renamed,
    presetAmounts: ["5.00", "10.00", "25.00"],
    duration: 1800,
    redirectUrl: "https://shop.example/thanks",
    minAmount: "1.00",
    maxAmount: "50.00",
  });
  expect(api.payCurrencies).not.toContain("ETH");
  const refused = await request.patch(`/api/v1/payment-links/${id}`, {
    headers: auth,
    data: { presetAmounts: ["0.50"] },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.field).toBe("presetAmounts[0]");
  const patched = await request.patch(`/api/v1/payment-links/${id}`, {
    headers: auth,
    data: { presetAmounts: ["5.00", "12.00"], description: "Thank you!" },
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({
    presetAmounts: ["5.00", "12.00"],
    description: "Thank you!",
    name: renamed,
  });

  // The customer taps a preset on the amount page (in German: the buttons are in their language).
  const customer = await browser.newContext({ locale: "de-DE", viewport: { width: 390, height: 844 } });
  const pay = await customer.newPage();
  await pay.goto(url);
  await expect(pay).toHaveURL(/\/l\/lnk_\w+\/amount/);
  const presets = pay.getByRole("group", { name: "Betrag wählen" });
  await expect(presets.getByRole("link")).toHaveText(["5,00 $", "12,00 $"]);
  await pay.screenshot({ path: "test-results/links-presets-phone.png", fullPage: true });
  // An amount out of range gets the form again (422) with the reason, and the presets still there.
  expect((await pay.goto(`${url}?amount=999`))!.status()).toBe(422);
  await expect(pay.getByRole("alert")).toContainText("50,00");
  await expect(presets.getByRole("link")).toHaveText(["5,00 $", "12,00 $"]);
  await presets.getByRole("link", { name: "12,00 $" }).click();
  await expect(pay).toHaveURL(/\/pay\/co_/);
  const checkoutId = pay.url().split("/pay/")[1]!.split("?")[0]!;
  await customer.close();
  expect((await request.post(`/api/checkouts/${checkoutId}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  expect((await request.post(`/sandbox/control/invoices/${checkoutId}/pay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(async () => (await (await request.get(`/api/v1/checkouts/${checkoutId}`, { headers: auth })).json()).state, {
      timeout: 20_000,
    })
    .toBe("paid");
  const checkout = await (await request.get(`/api/v1/checkouts/${checkoutId}`, { headers: auth })).json();
  expect(checkout.amount).toBe("12.00");
  expect(checkout.duration).toBe(1800);
  await page.reload();
  await expect(editedCard.getByTestId("link-sales")).toHaveText("1 paid checkout · $12.00");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/links-phone.png", fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
