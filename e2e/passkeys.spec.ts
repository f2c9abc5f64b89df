// Passkeys in Chromium's virtual authenticator (CDP WebAuthn domain), against the sandbox-mode app:
// an owner with an authenticator app adds a passkey on her Account page, signs out, signs in with
// her password and the passkey (the second step offers it first, the code stays the fallback),
// refunds a checkout above the step-up threshold with the passkey, approves a refund claim above it
// with the passkey, then removes the passkey after confirming with it. Every one of those actions is in the audit log, in order.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { confirmInPage, dashboardFetch, signIn } from "./support/dashboard";
import { enrolTotp } from "./support/totp";

const REFUND_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const PASSWORD = "pia's long password, for passkeys";

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

async function passwordStep(page: Page, login: string, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The export's rows (RFC 4180: every field quoted), enough for the audit's JSON details. */
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

test("a passkey: added, signs in as the second step, confirms a refund above the threshold, removed; all audited in order", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const login = `pia${Date.now().toString(36)}`;
  // The first owner adds Pia and sets the step-up threshold below the checkout's 25.00 USD.
  await signIn(page, "/dashboard/users");
  const added = await dashboardFetch(page, "/api/dashboard/users", "POST", {
    name: "Pia",
    login,
    role: "owner",
    password: PASSWORD,
  });
  expect(added.status).toBe(201);
  expect((await dashboardFetch(page, "/api/dashboard/security", "PUT", { refundStepUpAbove: "10" })).status).toBe(200);

  const context = await browser.newContext();
  const her = await context.newPage();
  try {
    // Her browser has a platform authenticator (Chromium's virtual one: CTAP2, built in, user verified).
    const cdp = await context.newCDPSession(her);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    // Signed in with her password (no second factor yet), she sets up the authenticator app (the
    // fallback a passkey needs first), then adds a passkey by name.
    await passwordStep(her, login, "/dashboard/account");
    await her.waitForURL((url) => url.pathname === "/dashboard/account");
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await enrolTotp(baseURL!, cookie);
    await her.reload();
    const passkeys = her.locator("section", { has: her.getByRole("heading", { name: "Passkeys" }) });
    await expect(passkeys).toContainText("No passkey yet.");
    await passkeys.getByLabel("Name of the new passkey").fill("Work laptop");
    await passkeys.getByRole("button", { name: "Add a passkey" }).click();
    await expect(passkeys.getByRole("status")).toHaveText("Passkey “Work laptop” added.");
    await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
    await expect(passkeys.getByTestId("passkey")).toContainText("Work laptop");
    await expect(passkeys.getByTestId("passkey")).toContainText("not used yet");
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    await expectAccessible(her, "account with a passkey");
    await her.screenshot({ path: "test-results/passkeys-account-desktop.png", fullPage: true });
    await her.setViewportSize({ width: 390, height: 844 });
    await her.screenshot({ path: "test-results/passkeys-account-phone.png", fullPage: true });
    await her.setViewportSize({ width: 1280, height: 720 });

    // Sign out; sign in again: after the password, the second step offers the passkey.
    await her.getByRole("button", { name: "Sign out" }).click();
    await her.waitForURL(/\/signin/);
    const checkout = await paidCheckout(request);
    await passwordStep(her, login, `/dashboard/checkouts/${checkout.id}`);
    await expect(her.getByRole("heading", { name: "Second step" })).toBeVisible();
    const usePasskey = her.getByRole("button", { name: "Use your passkey" });
    await expect(usePasskey).toBeVisible();
    await expect(her.getByLabel("Authentication code")).toBeVisible(); // the fallback
    await expectAccessible(her, "sign-in, second step with a passkey");
    await her.screenshot({ path: "test-results/passkeys-signin-step-desktop.png", fullPage: true });
    await her.setViewportSize({ width: 390, height: 844 });
    await her.screenshot({ path: "test-results/passkeys-signin-step-phone.png", fullPage: true });
    await her.setViewportSize({ width: 1280, height: 720 });
    await usePasskey.click();
    await her.waitForURL((url) => url.pathname === `/dashboard/checkouts/${checkout.id}`);

    // Refund above the threshold: the passkey confirms it when she sends.
    await her.getByRole("button", { name: "Refund…" }).click();
    const dialog = her.getByRole("dialog", { name: /Refund order/ });
    await dialog.getByLabel(/The customer's Bitcoin address/).fill(REFUND_ADDRESS);
    await dialog.getByRole("button", { name: "Review refund" }).click();
    await expect(dialog).toContainText("Your passkey confirms this refund when you send it.");
    await expectAccessible(her, "refund review, passkey step-up");
    await her.screenshot({ path: "test-results/passkeys-refund-step-up.png" });
    await dialog.getByRole("button", { name: /^Send .* BTC$/ }).click();
    await expect(dialog).toBeHidden();
    const refunds = her.locator("section", { has: her.getByRole("heading", { name: "Refunds" }) });
    await expect(refunds.getByRole("row").nth(1)).toContainText("sent");
    const sandbox = await (await request.get("/sandbox/control/state")).json();
    expect(sandbox.refunds.filter((r: { orderId: string }) => r.orderId === checkout.id)).toHaveLength(1);

    // A refund claim above the threshold: with the code field left empty, the passkey approves it.
    const second = await paidCheckout(request);
    await her.goto(`/dashboard/checkouts/${second.id}`);
    const offered = await dashboardFetch(her, `/api/dashboard/checkouts/${second.id}/refund-claims`, "POST", {
      amount: "full",
    });
    expect(offered.status).toBe(201);
    const claimed = await request.post(`/api/refund-claims/${String(offered.json.url).split("/").pop()}`, {
      data: { address: REFUND_ADDRESS },
    });
    expect(claimed.status()).toBe(200);
    await her.reload();
    const claims = her.locator("section", { has: her.getByRole("heading", { name: "Refund claims" }) });
    await expect(claims.getByLabel(/empty: your passkey confirms it/)).toBeVisible();
    const approve = claims.getByRole("button", { name: /^Approve: send .* BTC$/ });
    const approveLabel = (await approve.textContent())!.trim();
    await approve.click();
    await confirmInPage(her, approveLabel);
    await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "sent");

    // Removing the passkey asks for a second factor: she confirms with the passkey itself.
    await her.goto("/dashboard/account");
    await expect(passkeys.getByTestId("passkey")).toContainText(/last used \d{4}-\d\d-\d\d/);
    await passkeys.getByRole("button", { name: "Remove passkey Work laptop" }).click();
    await passkeys.getByRole("button", { name: "Confirm with a passkey" }).click();
    await expect(passkeys.getByRole("status")).toHaveText("Passkey “Work laptop” removed.");
    await expect(passkeys).toContainText("No passkey yet.");

    // The audit log: her actions, in order, with what each was for.
    const csv = await her.evaluate(async () => (await fetch("/api/dashboard/audit/export")).text());
    const header = parseCsv(csv)[0]!;
    const col = (name: string) => header.indexOf(name);
    const lines = parseCsv(csv)
      .slice(1)
      .filter((c) => c[col("actor")] === "Pia")
      .reverse();
    expect(lines.map((c) => c[col("action")])).toEqual([
      "signin.succeeded",
      "totp.enrolled",
      "passkey.registered",
      "passkey.used",
      "signin.succeeded",
      "passkey.used",
      "refund.asked",
      "refund.sent",
      "refund.claim_offered",
      "passkey.used",
      "refund.approved",
      "refund.sent",
      "passkey.used",
      "passkey.removed",
    ]);
    const details = (i: number) => JSON.parse(lines[i]![col("details")]!);
    expect(details(2)).toMatchObject({ name: "Work laptop" });
    expect(details(3)).toMatchObject({ for: "signin", name: "Work laptop" });
    expect(details(4)).toEqual({ method: "password", secondFactor: "passkey" });
    expect(details(5)).toMatchObject({ for: "refund", checkoutId: checkout.id });
    expect(details(6)).toMatchObject({ stepUp: true });
    expect(details(9)).toMatchObject({ for: "refund", checkoutId: second.id });
    expect(details(12)).toMatchObject({ for: "passkey.removed" });
    expect(details(13)).toMatchObject({ name: "Work laptop", confirmedWith: "passkey" });
  } finally {
    await dashboardFetch(page, "/api/dashboard/security", "PUT", { refundStepUpAbove: "0" });
    await context.close();
  }
});
