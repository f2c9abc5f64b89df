// A live-mode app (a real `next start`, signing with its key) pointed at a Bitfinex double made
// only of Bitfinex's own documents (test/support/seed-double.ts: the PHP SDK fixtures and the
// Submit Invoice page's webhook example), not at our sandbox. Bitfinex's webhook is only a hint,
// posted here as Bitfinex would post it; what the app then reads from the double decides:
// PENDING with the payment seen is confirming, a part payment is underpaid with the amount that
// arrived, COMPLETED is paid with the amount and confirmations Bitfinex reported, in the currency
// actually paid. And the go-live checks name what the documented key lacks.
import { expect, test } from "@playwright/test";
import { startSeedDouble, type SeedDouble } from "../../test/support/seed-double";
import { PORT_BASE, startApp, waitFor, type AppServer } from "./support/servers";

const MERCHANT_KEY = "sk_live_documents_0123456789abcdef";
let double: SeedDouble;
let app: AppServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  double = await startSeedDouble("documents-key", "documents-secret");
  double.refusedMethods.add("TETHERUSE");
  app = await startApp({
    name: "documents",
    port: PORT_BASE + 40,
    env: {
      BFX_API_KEY: "documents-key",
      BFX_API_SECRET: "documents-secret",
      BFX_API_URL: double.url,
      BFX_PUBLIC_API_URL: double.url,
      MERCHANT_API_KEY: MERCHANT_KEY,
      // Slow: every change below comes from the hint, not from the reconciler happening by.
      RECONCILE_INTERVAL_MS: "60000",
    },
  });
});

test.afterAll(async () => {
  await app?.dispose();
  await double?.close();
});

const merchant = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, "content-type": "application/json", ...init.headers },
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

/** A POS checkout offering the fixture's currencies, with its Pay invoice made (the customer chose USDt). */
async function startedCheckout() {
  const created = await merchant("/api/v1/checkouts", {
    method: "POST",
    body: JSON.stringify({
      amount: "2.50",
      currency: "USD",
      orderId: `doc-${Date.now()}`,
      type: "POS",
      payCurrencies: ["BTC", "ETH", "UST-ETH", "LNX"],
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  double.scenario = { status: "CREATED", payment: null };
  const started = await fetch(`${app.url}/api/checkouts/${created.body.id}/payment`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ payCurrency: "UST-ETH" }),
  });
  expect(started.status).toBe(200);
  const view = (await merchant(`/api/v1/checkouts/${created.body.id}`)).body;
  return { id: created.body.id as string, invoiceId: view.invoices[0].bitfinexId as string };
}

/** Bitfinex's webhook as the seed documents it: only a hint; sent without a Content-Type, as a careless sender might. */
async function hint(invoiceId: string) {
  const res = await fetch(`${app.url}/api/bitfinex/webhook`, {
    method: "POST",
    body: JSON.stringify({ id: invoiceId, status: "COMPLETED" }),
  });
  expect(res.status).toBe(200);
}

const status = async (id: string) => (await fetch(`${app.url}/api/checkouts/${id}/status`)).json();

const SEED_TX_URL = "https://mempool.space/tx/5119b4caaad1af22bebb2373995d8ecd8dfb23cc1971d0347aaa516b4e0f3e3a";

test("PENDING with the payment seen is confirming; COMPLETED is paid with the amount and confirmations Bitfinex reported", async ({
  page,
}) => {
  const { id, invoiceId } = await startedCheckout();
  double.scenario = { status: "PENDING", payment: { status: "PROCESSING", confirmations: 1 } };
  await hint(invoiceId);
  const confirming = await waitFor(
    "confirming",
    async () => ((await status(id)).state === "confirming" ? status(id) : null),
    10_000,
  );
  expect(confirming.payment).toMatchObject({ payCurrency: "BTC", amountPaid: "0.00006262", confirmations: 1 });
  // The customer sees the payment on a public explorer as soon as it is seen (a live, on-chain payment).
  await page.goto(`${app.url}/pay/${id}`);
  await expect(page.getByTestId("status-line")).toBeVisible();
  await expect(page.getByRole("link", { name: "View the transaction" })).toHaveAttribute("href", SEED_TX_URL);

  double.scenario = { status: "COMPLETED", payment: {} };
  // Within 2 s of the last re-fetch, a hint schedules one re-fetch at the gap's end (bitfinex-webhook.ts).
  await hint(invoiceId);
  await waitFor("paid", async () => (await status(id)).state === "paid", 10_000);
  const view = (await merchant(`/api/v1/checkouts/${id}`)).body;
  expect(view.payment).toMatchObject({ payCurrency: "BTC", amountPaid: "0.00006262", confirmations: 6 });
  expect(view.payments[0]).toMatchObject({
    payCurrency: "BTC",
    method: "BITCOIN",
    txid: "5119b4caaad1af22bebb2373995d8ecd8dfb23cc1971d0347aaa516b4e0f3e3a",
    depositId: 1357996,
    confirmations: 6,
  });
  // The open page turns paid by itself and keeps the link; the receipt links it too.
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("link", { name: "View the transaction" })).toHaveAttribute("href", SEED_TX_URL);
  await page.goto(`${app.url}/pay/${id}/receipt`);
  await expect(page.getByTestId("receipt-transaction").getByRole("link")).toHaveAttribute("href", SEED_TX_URL);
});

test("a part payment is underpaid, with the amount that arrived", async () => {
  const { id, invoiceId } = await startedCheckout();
  double.scenario = { status: "PENDING", payment: { amount: 0.00003, status: "PROCESSING", confirmations: 1 } };
  await hint(invoiceId);
  await waitFor("underpaid", async () => (await status(id)).state === "underpaid", 10_000);
  expect((await status(id)).payment).toMatchObject({
    payCurrency: "BTC",
    amountDue: "0.00006262",
    amountPaid: "0.00003",
    amountRemaining: "0.00003262",
  });
});

test("the go-live checks name the key's missing scope and a currency without a deposit address", async () => {
  const goLive = await waitFor(
    "go-live checks",
    async () => {
      const g = (await (await fetch(`${app.url}/api/health`)).json()).goLive;
      return g?.permissions.status !== "unknown" && g?.depositAddresses.status !== "checking" ? g : null;
    },
    60_000,
  );
  // The PHP SDK's key-permissions fixture is a key with settings off.
  expect(goLive.permissions).toMatchObject({ status: "missing", missing: ["settings:read", "settings:write"] });
  // By name only: Bitfinex's reason ("ERROR: Invalid method") is for the signed-in health page (test/live-mode.test.ts checks it).
  expect(goLive.depositAddresses.missing).toEqual([{ payCurrency: "UST-ETH", method: "TETHERUSE" }]);
  expect(goLive.depositAddresses.ready).toContain("BTC");
});
