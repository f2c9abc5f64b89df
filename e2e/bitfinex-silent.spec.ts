// Where Bitfinex's documents are silent (issue 27), seen where a merchant looks. The sandbox is
// told to answer a paid Lightning invoice with a status word the app does not know: the checkout
// still becomes paid (from LNX deposit movements), and the word is on the Health page, in the
// checkout's timeline and (as a code) in GET /api/health. Then a Pay entry far from the app's own
// quote is not offered to a customer, and the Health page says why.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { auth, expectAccessible, newCheckout } from "./support/checkout";
import { signIn } from "./support/dashboard";

async function state(request: APIRequestContext, id: string): Promise<string> {
  return (await (await request.get(`/api/v1/checkouts/${id}`, { headers: auth })).json()).state;
}

test("a Lightning status word nobody documented: paid through movements, the word shown to the merchant", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  expect((await request.post("/sandbox/control/pay-api", { data: { availability: "withdrawn" } })).status()).toBe(200);
  await request.post("/sandbox/control/settings", { data: { lnStatusWord: "PAID_BUT_RENAMED" } });
  try {
    const checkout = await newCheckout(request, { payCurrencies: ["LNX"] });
    await expect
      .poll(
        async () =>
          (await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "LNX" } })).status(),
        {
          timeout: 20_000,
        },
      )
      .toBe(200);
    // The reconciler reads the status before anything is paid (its first check of an awaiting
    // checkout comes within 30 s): the word is seen and shown then, on this checkout's timeline.
    // (Health may know the word already, from another open Lightning checkout read first.)
    await expect
      .poll(async () => (await (await request.get("/api/health")).json()).bitfinex.unknownAnswers, { timeout: 60_000 })
      .toContain("lightning_status_unknown");
    await signIn(page, `/dashboard/checkouts/${checkout.id}`);
    const note = page.getByText('Bitfinex answered a Lightning status this app does not know: "PAID_BUT_RENAMED"');
    await expect(async () => {
      await page.reload();
      await expect(note).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    const s = await (await request.get("/sandbox/control/state")).json();
    const ln = (
      s.lightningInvoices as Array<{
        paymentHash: string;
        status: string;
        createdAt: number;
        payInvoiceId: string | null;
      }>
    )
      .filter((l) => l.status === "not_paid" && !l.payInvoiceId)
      .sort((a, b) => b.createdAt - a.createdAt)[0]!;
    expect((await request.post(`/sandbox/control/invoices/${ln.paymentHash}/pay`, { data: {} })).status()).toBe(200);
    // The reconciler reads LNX movements every 20 s while a Lightning checkout is watched.
    await expect.poll(() => state(request, checkout.id), { timeout: 60_000 }).toBe("paid");
    const health = await (await request.get("/api/health")).json();
    expect(health.bitfinex.unknownAnswers).toContain("lightning_status_unknown");
    expect(JSON.stringify(health)).not.toContain("PAID_BUT_RENAMED");

    await page.goto("/dashboard/health");
    await expect(page.getByTestId("health")).toContainText(
      'Bitfinex answered a Lightning status this app does not know: "PAID_BUT_RENAMED"',
    );
    await page.screenshot({ path: "test-results/health-unknown-word-desktop.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/health-unknown-word-phone.png", fullPage: true });
    await expectAccessible(page, "health page with an unknown answer");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/dashboard/checkouts/${checkout.id}`);
    await expect(note).toBeVisible();
    await page.screenshot({ path: "test-results/checkout-unknown-word-desktop.png", fullPage: true });
  } finally {
    await request.post("/sandbox/control/settings", { data: { lnStatusWord: null } });
    await request.post("/sandbox/control/pay-api", { data: { availability: "available" } });
    // The rails are probed again now, not at the next 30 s probe, so the next test sees Pay back.
    await expect
      .poll(async () => (await (await request.get("/api/health?fresh")).json()).rails.pay.available)
      .toBe(true);
  }
});

test("a Pay entry far from the app's own quote is not offered; the merchant sees why", async ({ page, request }) => {
  const before = (await (await request.get("/sandbox/control/state")).json()).settings.prices as Record<string, string>;
  // The sandbox prices USDt at $2 when the invoice is made: its USDt entry asks for half of what
  // the app's own quote (USDt at one dollar) says.
  await request.post("/sandbox/control/prices", { data: { UST: "2" } });
  try {
    const checkout = await newCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] });
    const refused = await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "UST-TRX" } });
    expect(refused.status()).toBe(409);
    const body = await refused.json();
    expect(body.error.code).toBe("currency_unavailable");
    expect(body.error.message).toMatch(/not available right now/);
    // Bitcoin, quoted right, is still offered.
    expect(
      (await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status(),
    ).toBe(200);
    await signIn(page, "/dashboard/health");
    await expect(page.getByTestId("health")).toContainText("Invoice entries not shown");
    await expect(page.getByTestId("health")).toContainText(
      /UST-TRX entry asks for 12\.5 UST for 25 USD; our own quote is 25 UST/,
    );
    await page.screenshot({ path: "test-results/health-rejected-entry-desktop.png", fullPage: true });
    expect((await (await request.get("/api/health")).json()).bitfinex.unknownAnswers).toContain(
      "invoice_entry_rejected",
    );
  } finally {
    await request.post("/sandbox/control/prices", { data: { UST: before.UST } });
  }
});
