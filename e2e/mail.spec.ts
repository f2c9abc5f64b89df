// E-mail on the running app, against a real SMTP server this spec starts on SMTP_PORT (the sandbox
// app's SMTP_URL): the dashboard's e-mail settings and test e-mail, and a German customer's receipt
// after a payment made through the payment API with the customer's language cookie.
import { expect, test } from "@playwright/test";
import { startSmtp, type TestSmtp } from "../test/support/smtp-server";
import { SMTP_PORT } from "../playwright.config";
import { expectAccessible, newCheckout } from "./support/checkout";
import { dashboardFetch, signIn } from "./support/dashboard";

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp(SMTP_PORT);
});
test.afterAll(async () => {
  await smtp.close();
});

test("settings: the alert address and receipts are saved, and a test e-mail arrives", async ({ page }) => {
  await signIn(page, "/dashboard/settings");
  const card = page.locator("section", { has: page.getByRole("heading", { name: "E-mail" }) });
  await card.getByLabel("Alerts go to").fill("owner@mug.example");
  await card.getByLabel("Receipts to customers").selectOption("on");
  await card.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(card.getByText("E-mail settings saved.")).toBeVisible();
  const before = smtp.received.length;
  await card.getByRole("button", { name: "Send a test e-mail" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Sent to" })).toHaveText(
    "Sent to owner@mug.example: the SMTP server took it.",
  );
  const [mail] = (await smtp.waitFor(before + 1)).slice(before);
  expect(mail!.subject).toBe("[sandbox] Sandbox Shop checkout: Test e-mail");
  expect((mail!.to as { text: string }).text).toBe("owner@mug.example");
  expect(mail!.from?.text).toBe('"Mug Co" <checkout@mug.example>');
  expect(mail!.text).toContain("/dashboard/settings");
  await page.reload();
  await expect(card.getByLabel("Alerts go to")).toHaveValue("owner@mug.example");
  await expect(card.getByLabel("Receipts to customers")).toHaveValue("on");
  await expectAccessible(page, "settings with e-mail");
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: "test-results/mail-settings-desktop.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: "test-results/mail-settings-phone.png" });
});

test("a customer who paid on a German payment page gets a German receipt", async ({ page, request }) => {
  test.setTimeout(60_000);
  await signIn(page, "/dashboard/settings");
  expect((await dashboardFetch(page, "/api/dashboard/mail", "PATCH", { receipts: true })).status).toBe(200);
  const checkout = await newCheckout(request, {
    type: "ECOMMERCE",
    amount: "25.00",
    currency: "EUR",
    payCurrencies: ["BTC"],
    customerInfo: {
      fullName: "Erika Mustermann",
      email: "erika@kunde.example",
      nationality: "DE",
      residCountry: "DE",
      residCity: "Berlin",
      residZipCode: "10115",
      residStreet: "Unter den Linden 1",
    },
  });
  const started = await request.post(`/api/checkouts/${checkout.id}/payment`, {
    data: { payCurrency: "BTC" },
    headers: { cookie: "checkout_lang=de" },
  });
  expect(started.status()).toBe(200);
  expect((await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} })).status()).toBe(200);
  await expect
    .poll(() => smtp.received.find((m) => (m.to as { text: string } | undefined)?.text === "erika@kunde.example"), {
      timeout: 30_000,
    })
    .toBeTruthy();
  const mail = smtp.received.find((m) => (m.to as { text: string }).text === "erika@kunde.example")!;
  expect(mail.subject).toMatch(/^Quittung von .+ für Bestellung P-/);
  expect(mail.headers.get("content-language")).toBe("de");
  expect(mail.text).toMatch(/Betrag: 25,00\s€/);
  expect(mail.text).toContain(`/pay/${checkout.id}/receipt`);
  expect(String(mail.html)).toContain('<html lang="de-DE" dir="ltr">');
  // The HTML part as a mail client shows it: readable, accessible.
  await page.setContent(String(mail.html));
  await expectAccessible(page, "German receipt e-mail");
  await page.screenshot({ path: "test-results/mail-receipt-de.png", fullPage: true });
});
