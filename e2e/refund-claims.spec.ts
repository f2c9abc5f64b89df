// Refunds the customer claims, in Chromium against the sandbox-mode app: the merchant offers a
// refund as a claim link in the dashboard's refund dialog; the customer opens it on a phone, sees
// the amount in the coin they paid, is refused a wrong-network address, sees theirs shown back,
// confirms; a replay of the link is told it was used; the merchant approves; the sandbox records
// exactly one refund; the audit log holds every step in order. Screenshots and axe on each screen.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { confirmInPage, signIn } from "./support/dashboard";

const CUSTOMER_BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const ETHEREUM = "0x52908400098527886E0F7030069857D2E4169EE7";

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

test("the merchant offers a claim link, the customer claims it on a phone, the merchant approves: one refund, every step audited in order", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const checkout = await paidCheckout(request);
  await signIn(page, `/dashboard/checkouts/${checkout.id}`);

  // The merchant offers part of the payment as a claim link.
  await page.getByRole("button", { name: "Refund…" }).click();
  const dialog = page.getByRole("dialog", { name: /Refund order/ });
  await dialog.getByLabel("Part of it").check();
  await dialog.getByLabel(/^Amount \(BTC\)/).fill("0.00001");
  await dialog.getByLabel(/Send the customer a link to claim it/).check();
  await expect(dialog.getByLabel(/The customer's Bitcoin address/)).toHaveCount(0);
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await dialog.getByRole("button", { name: "Create claim link" }).click();
  const link = (await dialog.getByTestId("claim-link").textContent())!.trim();
  expect(link).toMatch(/\/refund\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, "refund dialog, claim link");
  await page.screenshot({ path: "test-results/claim-offer-desktop.png" });
  await dialog.getByRole("button", { name: "Done" }).click();
  const claims = page.locator("section", { has: page.getByRole("heading", { name: "Refund claims" }) });
  await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "offered");

  // The customer, on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const customer = await phone.newPage();
  const path = new URL(link).pathname;
  await customer.goto(path);
  await expect(customer.getByTestId("claim-amount")).toHaveText("0.00001 BTC");
  await expect(customer.getByRole("note")).toContainText("Bitcoin");
  await expectAccessible(customer, "claim page");
  await customer.screenshot({ path: "test-results/claim-phone.png", fullPage: true });
  // An Ethereum address for a Bitcoin payment is refused before anything is sent.
  await customer.getByLabel(/Your BTC address/).fill(ETHEREUM);
  await customer.getByRole("button", { name: "Continue" }).click();
  await expect(customer.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "This is not a valid Bitcoin address.",
  );
  await expectAccessible(customer, "claim page, wrong network");
  await customer.screenshot({ path: "test-results/claim-phone-wrong-network.png", fullPage: true });
  await customer.getByLabel(/Your BTC address/).fill(CUSTOMER_BTC);
  await customer.getByRole("button", { name: "Continue" }).click();
  await expect(customer.getByTestId("claim-confirm-address")).toHaveText(CUSTOMER_BTC);
  await expectAccessible(customer, "claim page, confirm");
  await customer.screenshot({ path: "test-results/claim-phone-confirm.png", fullPage: true });
  await customer.getByRole("button", { name: "Confirm address" }).click();
  await expect(customer.getByTestId("claim-status")).toHaveAttribute("data-status", "claimed");
  await customer.screenshot({ path: "test-results/claim-phone-done.png", fullPage: true });
  // The link replayed with another address: refused, the first address stands.
  const replay = await request.post(`/api/refund-claims/${path.split("/").pop()}`, {
    data: { address: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh" },
  });
  expect(replay.status()).toBe(409);
  expect((await replay.json()).error.code).toBe("claim_used");
  await phone.close();

  // The merchant approves.
  await page.reload();
  await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "claimed");
  await expect(claims.getByTestId("claim-row")).toContainText(CUSTOMER_BTC);
  await claims.getByRole("button", { name: /^Approve: send 0.00001 BTC$/ }).click();
  await confirmInPage(page, "Approve: send 0.00001 BTC");
  await expect(claims.getByTestId("claim-row")).toHaveAttribute("data-status", "sent");
  await expect(page.getByTestId("timeline")).toContainText("refund claim: the customer gave an address");
  await expectAccessible(page, "checkout with a sent claim");
  await page.screenshot({ path: "test-results/claim-approved-desktop.png", fullPage: true });
  const sandbox = await (await request.get("/sandbox/control/state")).json();
  const sent = sandbox.refunds.filter((r: { orderId: string }) => r.orderId === checkout.id);
  expect(sent).toHaveLength(1);
  expect(sent[0].address).toBe(CUSTOMER_BTC);

  // The audit log of this checkout, oldest first.
  const csv = await page.evaluate(async () => (await fetch("/api/dashboard/audit/export")).text());
  // Columns: id, at, actor_id, actor, address, action, subject, details (every field quoted).
  const actions = csv
    .split("\r\n")
    .map((l) => l.split('","'))
    .filter((c) => c[6] === checkout.id && c[5]!.startsWith("refund."))
    .map((c) => c[5])
    .reverse();
  expect(actions).toEqual(["refund.claim_offered", "refund.claimed", "refund.approved", "refund.sent"]);
});
