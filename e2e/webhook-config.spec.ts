// Configuration as code for webhooks: an app started with MERCHANT_WEBHOOK_SECRET and
// MERCHANT_WEBHOOK_URL delivers events that a receiver on 127.0.0.1 verifies with that secret and
// the documented procedure (docs/examples/verify-webhook.ts), without the dashboard ever being
// opened; the merchant API reads and sets the endpoint, refuses to rotate a configured secret, and
// sends a test ping.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifyWebhook } from "../docs/examples/verify-webhook";
import { startIsolatedApp, type IsolatedApp } from "./reliability/support/isolated-app";
import { auth } from "./support/checkout";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 98; // playwright.config.ts lists the ports
const SECRET = `whsec_config_${"0123456789abcdef".repeat(2)}`;

interface Delivery {
  raw: string;
  headers: IncomingHttpHeaders;
  verified: boolean;
}

let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
let app: IsolatedApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  receiver = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      // What a merchant's endpoint does: verify the raw bytes first, refuse what does not verify.
      const verified = verifyWebhook(raw, String(req.headers["bitfinex-checkout-signature"] ?? ""), SECRET);
      deliveries.push({ raw, headers: req.headers, verified });
      res.writeHead(verified ? 204 : 400).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  app = await startIsolatedApp("sandbox", {
    port: PORT,
    env: { MERCHANT_WEBHOOK_SECRET: SECRET, MERCHANT_WEBHOOK_URL: receiverUrl },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${app.baseURL}${path}`, {
    ...init,
    headers: { ...auth, "content-type": "application/json", ...init.headers },
  });
  return { status: res.status, text: await res.text() };
}

async function delivered(type: string) {
  await expect
    .poll(() => deliveries.find((d) => JSON.parse(d.raw).type === type), {
      timeout: 30_000,
      message: `a ${type} delivery`,
    })
    .toBeTruthy();
  return deliveries.find((d) => JSON.parse(d.raw).type === type)!;
}

test("a receiver verifies deliveries with MERCHANT_WEBHOOK_SECRET; the API reads and sets the endpoint but cannot rotate that secret", async () => {
  test.setTimeout(90_000);
  const endpoint = await api("/api/v1/webhook-endpoint");
  expect(endpoint.status).toBe(200);
  expect(JSON.parse(endpoint.text)).toEqual({
    object: "webhook_endpoint",
    url: receiverUrl,
    urlSource: "environment",
    secretSource: "environment",
  });
  expect(endpoint.text).not.toContain(SECRET);

  const rotate = await api("/api/v1/webhook-endpoint/rotate-secret", { method: "POST" });
  expect(rotate.status).toBe(409);
  expect(JSON.parse(rotate.text).error.code).toBe("secret_from_configuration");
  expect(rotate.text).not.toContain(SECRET);

  const test1 = await api("/api/v1/webhook-endpoint/test", { method: "POST" });
  expect(test1.status).toBe(201);
  const ping = await delivered("test.ping");
  expect(ping.verified).toBe(true);
  expect(JSON.parse(ping.raw)).toMatchObject({ id: JSON.parse(test1.text).id, type: "test.ping", livemode: false });

  // A real sale, paid in the sandbox: its checkout.paid verifies with the same configured secret.
  const created = await api("/api/v1/checkouts", {
    method: "POST",
    body: JSON.stringify({ amount: "12.00", currency: "USD", orderId: `CFG-${Date.now()}` }),
  });
  expect(created.status).toBe(201);
  const { id } = JSON.parse(created.text);
  expect(
    (await api(`/api/checkouts/${id}/payment`, { method: "POST", body: JSON.stringify({ payCurrency: "BTC" }) }))
      .status,
  ).toBe(200);
  expect((await api(`/sandbox/control/invoices/${id}/pay`, { method: "POST", body: "{}" })).status).toBe(200);
  const paid = await delivered("checkout.paid");
  expect(paid.verified).toBe(true);
  expect(JSON.parse(paid.raw)).toMatchObject({
    type: "checkout.paid",
    livemode: false,
    data: { checkout: { id, state: "paid" } },
  });
  expect(
    deliveries.every((d) => d.verified),
    "every delivery verifies",
  ).toBe(true);
  // A different secret does not verify the same bytes: the check is real.
  expect(verifyWebhook(paid.raw, String(paid.headers["bitfinex-checkout-signature"]), `${SECRET}x`)).toBe(false);

  // Setting the URL over the API: the dashboard's rules, the field named.
  const bad = await api("/api/v1/webhook-endpoint", {
    method: "PUT",
    body: JSON.stringify({ url: "ftp://shop.example/hook" }),
  });
  expect(bad.status).toBe(422);
  expect(JSON.parse(bad.text).error.field).toBe("url");
  const moved = await api("/api/v1/webhook-endpoint", {
    method: "PUT",
    body: JSON.stringify({ url: `${receiverUrl}/v2` }),
  });
  expect(moved.status).toBe(200);
  expect(JSON.parse(moved.text)).toMatchObject({
    url: `${receiverUrl}/v2`,
    urlSource: "stored",
    secretSource: "environment",
  });
  const unauthenticated = await fetch(`${app.baseURL}/api/v1/webhook-endpoint`);
  expect(unauthenticated.status).toBe(401);
});

test("the dashboard says the secret is set by configuration, does not show it, and cannot rotate it", async ({
  page,
}) => {
  await page.goto(`${app.baseURL}/dashboard/settings`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard/settings");
  await expect(page.getByTestId("webhook-secret-source")).toContainText(
    "Set by configuration (MERCHANT_WEBHOOK_SECRET)",
  );
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  expect(await page.content()).not.toContain(SECRET);
  // Same origin, signed in: the dashboard's own rotation route refuses too.
  const rotate = await page.evaluate(async () => {
    const res = await fetch("/api/dashboard/webhook/secret", { method: "POST" });
    return { status: res.status, code: (await res.json()).error?.code };
  });
  expect(rotate).toEqual({ status: 409, code: "secret_from_configuration" });
  await page.screenshot({ path: "test-results/webhook-secret-from-configuration.png", fullPage: true });
});
