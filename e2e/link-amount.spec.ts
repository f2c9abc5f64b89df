// The payment-link amount form in the customer's language: labels, hints and errors as sentences,
// an amount typed with a decimal comma understood, and the link's error pages translated too.
import { expect, test } from "@playwright/test";
import { auth, expectAccessible } from "./support/checkout";

test("in German: the form speaks German, '7,50' is 7.50 €, a too-small amount is refused in a German sentence", async ({
  browser,
  request,
}) => {
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Trinkgeld", currency: "EUR", minAmount: "2.00", maxAmount: "50.00" },
    })
  ).json();
  const context = await browser.newContext({
    locale: "de-DE",
    extraHTTPHeaders: { "accept-language": "de-DE,de;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto(`/l/${link.id}`);
  await expect(page).toHaveURL(/\/amount$/);
  await expect(page.getByRole("heading", { name: "Trinkgeld" })).toBeVisible();
  await expect(page.getByText("Geben Sie einen Betrag von 2,00 EUR bis 50,00 EUR ein.")).toBeVisible();
  await expect(page.getByRole("status")).toContainText("kein echtes Geld");
  await expectAccessible(page, "amount form, German");

  await page.getByLabel("Betrag (EUR)").fill("1,50");
  await page.getByRole("button", { name: "Weiter zur Zahlung" }).click();
  await expect(page.getByText("Der Betrag muss mindestens 2,00 EUR betragen.")).toHaveAttribute("role", "alert");
  await page.screenshot({ path: "test-results/link-amount-de-error.png", fullPage: true });
  await page.getByLabel("Betrag (EUR)").fill("7,50");
  await page.getByRole("button", { name: "Weiter zur Zahlung" }).click();
  await expect(page).toHaveURL(/\/pay\/co_[a-z2-7]{26}$/);
  await expect(page.getByTestId("fiat-total")).toContainText("7,50 €");
  await context.close();
});

test("errors are sentences, in English by default: not a number, too many decimals, given twice", async ({
  request,
}) => {
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Tip jar", currency: "USD", minAmount: "1.00" },
    })
  ).json();
  const said = async (query: string) => {
    const res = await request.get(`/l/${link.id}?${query}`, { maxRedirects: 0 });
    expect(res.status(), query).toBe(422);
    return /role="alert">([^<]+)</.exec(await res.text())![1];
  };
  expect(await said("amount=abc")).toBe("The amount must be a number such as 12.50.");
  expect(await said("amount=1.234")).toBe("The amount can have at most 2 decimals.");
  expect(await said("amount=2&amount=3")).toBe("The amount was given twice. Please enter it once.");
  expect(await said("amount=")).toBe("The amount is missing. Please enter how much you want to pay.");
  // A decimal comma is a decimal in French, and ambiguous (so refused) in English.
  expect(
    (
      await request.get(`/l/${link.id}?amount=7,50`, { headers: { "accept-language": "fr" }, maxRedirects: 0 })
    ).status(),
  ).toBe(303);
  expect(await said("amount=7,50")).toBe("The amount must be a number such as 12.50.");
});

test("a link's error pages speak the customer's language (Japanese): unknown, turned off, tampered", async ({
  request,
}) => {
  const ja = { "accept-language": "ja" };
  const unknown = await request.get("/l/lnk_aaaaaaaaaaaaaaaaaaaaaaaaaa", { headers: ja, maxRedirects: 0 });
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain("支払いリンクが見つかりません");
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Mug", amount: "9.00", currency: "USD" },
    })
  ).json();
  await request.patch(`/api/v1/payment-links/${link.id}`, { headers: auth, data: { active: false } });
  const off = await request.get(`/l/${link.id}`, { headers: ja, maxRedirects: 0 });
  expect(off.status()).toBe(410);
  expect(await off.text()).toMatch(/<html lang="ja"[^>]*>[\s\S]*支払いリンクは無効です/);
  const tampered = await request.get("/s?amount=1.00&currency=USD&orderId=X&sig=nope", {
    headers: ja,
    maxRedirects: 0,
  });
  expect(tampered.status()).toBe(400);
  expect(await tampered.text()).toContain("この支払いリンクは無効です");
  const missing = await request.get("/pay/co_aaaaaaaaaaaaaaaaaaaaaaaaaa", { headers: ja });
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("お支払いページが見つかりません");
});
