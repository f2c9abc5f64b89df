// Users, the second factor and the audit log in Chromium against the sandbox-mode app: the owner
// adds a second owner; she sets up an authenticator app from the QR code's key, signs in with a
// code, and refunds a paid checkout with a fresh code (step-up; without one the refund is refused);
// every one of those actions is in the audit log, in order, on the page and in the CSV export.
// (She is a user of her own, so the other specs' admin / sandbox sign-in is untouched.)
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { confirmInPage, signIn } from "./support/dashboard";
import { Authenticator } from "./support/totp";

const REFUND_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const PASSWORD = "olga's long password";

async function paidCheckout(request: APIRequestContext) {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  expect((await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status()).toBe(
    200,
  );
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  await expect
    .poll(async () => (await (await request.get(`/api/v1/checkouts/${checkout.id}`, { headers: auth })).json()).state, {
      timeout: 30_000,
    })
    .toBe("paid");
  return checkout;
}

/** RFC 4180 as the export writes it: every field quoted, quotes doubled, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  return rows;
}

async function signInAs(page: Page, login: string, password: string, path: string, code?: () => string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (code) {
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/Enter the 6-digit code/);
    await page.getByLabel("Authentication code").fill(code());
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.waitForURL((url) => url.pathname === path);
}

test("an owner with an authenticator app: enrols, signs in with a code, refunds with step-up; all of it in the audit log, in order", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const login = `olga${Date.now().toString(36)}`;
  // The first owner adds her on the Users page.
  await signIn(page, "/dashboard/users");
  const add = page.locator("section", { has: page.getByRole("heading", { name: "Add a user" }) });
  await add.getByLabel("Name", { exact: true }).fill("Olga");
  await add.getByLabel("Username", { exact: true }).fill(login);
  await add.getByRole("combobox", { name: /^Role/ }).selectOption("owner");
  await add.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("row").filter({ hasText: login })).toBeVisible();
  await expectAccessible(page, "users page");
  await page.screenshot({ path: "test-results/users-desktop.png", fullPage: true });

  // She signs in (no second factor yet) and sets one up from the key beside the QR code.
  const olga = await browser.newContext();
  const her = await olga.newPage();
  await signInAs(her, login, PASSWORD, "/dashboard/account");
  await her.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(her.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(her, "account, enrolling");
  const app = new Authenticator((await her.getByTestId("totp-secret").textContent())!.trim());
  await her.getByLabel("Code from the app").fill("000000");
  await her.getByRole("button", { name: "Turn on" }).click();
  await expect(her.getByRole("alert").filter({ hasText: /\S/ })).toContainText("does not match");
  await her.getByLabel("Code from the app").fill(app.next());
  await her.getByRole("button", { name: "Turn on" }).click();
  await expect(her.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await her.setViewportSize({ width: 390, height: 844 });
  await her.screenshot({ path: "test-results/account-recovery-codes-phone.png", fullPage: true });
  await olga.close();

  // A new sign-in asks for a code once the password is right.
  const checkout = await paidCheckout(request);
  const again = await browser.newContext();
  const she = await again.newPage();
  await signInAs(she, login, PASSWORD, `/dashboard/checkouts/${checkout.id}`, () => app.next());

  // Refund: step-up asks for a fresh code on the review; without it nothing is sent.
  await she.getByRole("button", { name: "Refund…" }).click();
  const dialog = she.getByRole("dialog", { name: /Refund order/ });
  await dialog.getByLabel(/The customer's Bitcoin address/).fill(REFUND_ADDRESS);
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await dialog.getByRole("button", { name: /^Send .* BTC$/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("Enter the code from your authenticator app");
  await expectAccessible(she, "refund dialog, step-up");
  await she.screenshot({ path: "test-results/refund-step-up.png" });
  await dialog.getByLabel("Code from your authenticator app").fill(app.next());
  await dialog.getByRole("button", { name: /^Send .* BTC$/ }).click();
  await expect(dialog).toBeHidden();
  const refunds = she.locator("section", { has: she.getByRole("heading", { name: "Refunds" }) });
  await expect(refunds.getByRole("row").nth(1)).toContainText("sent");
  const sandbox = await (await request.get("/sandbox/control/state")).json();
  expect(sandbox.refunds.filter((r: { orderId: string }) => r.orderId === checkout.id)).toHaveLength(1);

  // The audit log, filtered to her: every action above, oldest last.
  await she.goto("/dashboard/audit?q=Olga");
  const csv = await she.evaluate(async () => (await fetch("/api/dashboard/audit/export")).text());
  const lines = parseCsv(csv)
    .slice(1)
    .filter((c) => c[3] === "Olga" || (c[3] === "admin" && c[5] === "user.added" && c[7]!.includes(login)))
    .reverse();
  expect(lines.map((c) => c[5])).toEqual([
    "user.added",
    "signin.succeeded",
    "totp.enrolled",
    "signin.succeeded",
    "refund.refused",
    "refund.asked",
    "refund.sent",
  ]);
  expect(JSON.parse(lines[1]![7]!)).toEqual({ method: "password" });
  expect(JSON.parse(lines[3]![7]!)).toEqual({ method: "password", secondFactor: "totp" });
  const refusedLine = lines[4]!;
  expect(refusedLine[6]).toBe(checkout.id);
  expect(refusedLine[7]).toContain("second_factor_required");
  expect(lines[6]![7]).toContain(REFUND_ADDRESS);
  expect(lines.every((c) => c[4] && c[4] !== "")).toBe(true); // each with the address it came from
  // The page shows the same entries.
  await expect(she.getByTestId("audit-row").filter({ hasText: "refund.sent" })).toHaveCount(1);
  await expectAccessible(she, "audit log");
  await she.setViewportSize({ width: 1280, height: 900 });
  await she.screenshot({ path: "test-results/audit-desktop.png", fullPage: true });
  await she.setViewportSize({ width: 390, height: 844 });
  await she.screenshot({ path: "test-results/audit-phone.png", fullPage: true });

  // She loses her phone: the first owner turns her second factor off, which also signs her out.
  await page.goto("/dashboard/users");
  await page.getByRole("button", { name: `Turn off for ${login}` }).click();
  await confirmInPage(page, `Turn off for ${login}`);
  await expect(page.getByRole("row").filter({ hasText: login })).toContainText("none");
  await she.goto("/dashboard/audit");
  await expect(she).toHaveURL(/\/signin\?callbackUrl=/);
  await again.close();
});
