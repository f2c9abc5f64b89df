// Merchant webhooks seen from the dashboard: a merchant points the webhook URL at their endpoint
// (here a local receiver), sends a test event, sees a failed attempt and a delivered one, resends,
// and receives a real checkout's events signed with the secret shown in settings. Signatures are
// checked with the snippet published in docs/webhooks.md (docs/examples/verify-webhook.ts).
import { expect, test } from "@playwright/test";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../docs/examples/verify-webhook";
import { auth, newCheckout } from "./support/checkout";
import { confirmInPage, signIn } from "./support/dashboard";

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A merchant's endpoint on 127.0.0.1: records every request and answers 200, except that the next
 * `failPings` test.ping events get a 500. (Events of earlier tests' checkouts, kept while no URL
 * was set, arrive too once a URL is saved: nothing is lost.)
 */
function startReceiver() {
  const received: Received[] = [];
  const control = { failPings: 0 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ body, headers: req.headers });
      const isPing = body.includes('"type":"test.ping"');
      res.statusCode = isPing && control.failPings-- > 0 ? 500 : 200;
      res.end();
    });
  });
  const pings = () => received.filter((r) => r.body.includes('"type":"test.ping"'));
  return new Promise<{
    url: string;
    received: Received[];
    pings: () => Received[];
    control: typeof control;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks/checkout`,
        received,
        pings,
        control,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

test("webhooks from the dashboard: set the URL, a test event fails then is resent and delivered, a paid checkout is signed and received", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signIn(page, "/dashboard/settings");
    const urlField = page.getByLabel("Your endpoint");
    await urlField.fill(receiver.url);
    await page.getByRole("button", { name: "Save URL" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Webhook URL saved." })).toBeVisible();
    await page.reload();
    await expect(urlField).toHaveValue(receiver.url);
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);

    // A test event while the endpoint is failing: the attempt is recorded with its status code.
    receiver.control.failPings = 1;
    await page.goto("/dashboard/webhooks");
    await expect(page.getByText(`Endpoint: ${receiver.url}`)).toBeVisible();
    await page.getByRole("button", { name: "Send a test event" }).click();
    await confirmInPage(page, "Send a test event");
    await expect.poll(() => receiver.pings().length, { timeout: 10_000 }).toBe(1);
    const first = receiver.pings()[0]!;
    const ping = JSON.parse(first.body) as { id: string; type: string };
    expect(ping.type).toBe("test.ping");
    expect(first.headers["content-type"]).toContain("application/json");
    expect(verifyWebhook(first.body, String(first.headers["bitfinex-checkout-signature"]), secret)).toBe(true);
    expect(verifyWebhook(first.body, String(first.headers["bitfinex-checkout-signature"]), "not-the-secret")).toBe(
      false,
    );

    // In the list, the refused event stands out as needing attention (a test ping is not retried: failed at once).
    await expect(async () => {
      await page.reload();
      await expect(page.locator("tr", { hasText: ping.id }).locator("[data-status]")).toHaveText(
        /failed.*needs your attention/,
        { timeout: 1000 },
      );
    }).toPass({ timeout: 10_000 });
    await page.goto(`/dashboard/webhooks/${ping.id}`);
    await expect(page.getByRole("heading", { name: "test.ping" })).toBeVisible();
    const attempts = page.getByRole("region", { name: "Delivery attempts" }).locator("tbody tr");
    await expect(attempts).toHaveCount(1);
    await expect(attempts.first()).toContainText(receiver.url);
    await expect(attempts.first()).toContainText("500");
    // A test ping is tried once, not for three days: it is failed at once, and Resend tries again.
    await expect(page.getByText("Status: failed")).toBeVisible();

    // Resend now (the endpoint answers 200 this time): same event id, a second attempt, delivered.
    await page.getByRole("button", { name: "Resend" }).click();
    await confirmInPage(page, "Resend");
    await expect.poll(() => receiver.pings().length, { timeout: 10_000 }).toBe(2);
    expect((JSON.parse(receiver.pings()[1]!.body) as { id: string }).id).toBe(ping.id);
    expect(receiver.pings()[1]!.body).toBe(first.body); // the same body: only the signature's time may change
    await expect(async () => {
      await page.reload();
      await expect(page.getByText("Status: delivered")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(attempts).toHaveCount(2);
    await expect(attempts.nth(1)).toContainText("200");

    // A real checkout, paid through the sandbox: checkout.pending (invoice made) … checkout.paid, signed.
    const checkout = await newCheckout(request);
    expect(
      (await request.post(`/api/checkouts/${checkout.id}/payment`, { data: { payCurrency: "BTC" } })).status(),
    ).toBe(200);
    const merchant = await (await request.get(`/api/v1/checkouts/${checkout.id}`, { headers: auth })).json();
    expect(
      (await request.post(`/sandbox/control/invoices/${merchant.invoices[0].bitfinexId}/pay`, { data: {} })).status(),
    ).toBe(200);
    const paidEvent = () =>
      receiver.received
        .map((r) => ({
          r,
          event: JSON.parse(r.body) as {
            id: string;
            type: string;
            data: { checkout?: { id: string; state: string; orderId: string } };
          },
        }))
        .find(({ event }) => event.type === "checkout.paid" && event.data.checkout?.id === checkout.id);
    await expect.poll(() => paidEvent() !== undefined, { timeout: 20_000 }).toBe(true);
    const paid = paidEvent()!;
    expect(verifyWebhook(paid.r.body, String(paid.r.headers["bitfinex-checkout-signature"]), secret)).toBe(true);
    expect(paid.event.data.checkout).toMatchObject({ id: checkout.id, state: "paid" });

    // The dashboard lists it, delivered, and links to the checkout.
    await page.goto("/dashboard/webhooks");
    const row = page.locator("tr", { hasText: paid.event.id });
    await expect(row).toContainText("checkout.paid");
    await expect(row).toContainText("delivered");
  } finally {
    // Leave the shared sandbox app as other specs expect it: no merchant webhook URL.
    const origin = new URL(page.url()).origin;
    await page.request.put("/api/dashboard/webhook", { data: { url: null }, headers: { origin } });
    await receiver.close();
  }
});

test("a webhook URL that is not http(s) is refused with the reason, and nothing is saved", async ({ page }) => {
  await signIn(page, "/dashboard/settings");
  const field = page.getByLabel("Your endpoint");
  const before = await field.inputValue();
  await field.fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save URL" }).click();
  // Said in words beside the field, with what this mode accepts (the sandbox takes http:// too).
  await expect(page.getByText("Webhook URL must start with http:// or https://.")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(field).toHaveValue(before);
});
