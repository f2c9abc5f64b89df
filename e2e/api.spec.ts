// The merchant API and the public checkout endpoints over HTTP, against the sandbox-mode app:
// authentication, the one error shape, idempotency, ETag polling, links, and a real payment
// detected through Bitfinex's (sandbox's) webhook.
import { expect, test, type APIRequestContext } from "@playwright/test";

const KEY = "sk_sandbox_0123456789abcdefghijkl";
const auth = { authorization: `Bearer ${KEY}` };

async function createCheckout(
  request: APIRequestContext,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await request.post("/api/v1/checkouts", {
    headers: { ...auth, ...headers },
    data: {
      amount: "25.00",
      currency: "USD",
      orderId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
      ...body,
    },
  });
  return res;
}

test("the merchant API refuses requests without a valid key, with the error shape", async ({ request }) => {
  const attempts: Array<Record<string, string>> = [
    {},
    { authorization: "Bearer nope-not-a-key" },
    { authorization: "Basic abc" },
  ];
  for (const headers of attempts) {
    const res = await request.get("/api/v1/checkouts", { headers });
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "unauthorized", field: "Authorization" });
    expect(body.error.message).toEqual(expect.any(String));
  }
});

test("bad bodies get 4xx with a clear error and create nothing", async ({ request }) => {
  const before = (await (await request.get("/api/v1/checkouts?limit=100", { headers: auth })).json()).data.length;
  const cases: Array<[string, Parameters<APIRequestContext["post"]>[1], number, string]> = [
    [
      "wrong content type",
      { headers: { ...auth, "content-type": "text/plain" }, data: "amount=1" },
      415,
      "unsupported_media_type",
    ],
    [
      "invalid JSON",
      { headers: { ...auth, "content-type": "application/json" }, data: "{amount:" },
      400,
      "invalid_json",
    ],
    ["a JSON array", { headers: { ...auth, "content-type": "application/json" }, data: "[1,2]" }, 400, "invalid_json"],
    [
      "an oversized body",
      {
        headers: { ...auth, "content-type": "application/json" },
        data: JSON.stringify({ description: "x".repeat(70_000) }),
      },
      413,
      "body_too_large",
    ],
    [
      "an exponent amount",
      { headers: auth, data: { amount: "1e2", currency: "USD", orderId: "x" } },
      422,
      "invalid_field",
    ],
    [
      "a javascript: URL",
      { headers: auth, data: { amount: "1.00", currency: "USD", orderId: "x", redirectUrl: "javascript:alert(1)" } },
      422,
      "invalid_field",
    ],
  ];
  for (const [what, options, status, code] of cases) {
    const res = await request.post("/api/v1/checkouts", options);
    expect(res.status(), what).toBe(status);
    expect((await res.json()).error.code, what).toBe(code);
  }
  const bad = await request.get("/api/v1/checkouts?limit=1000", { headers: auth });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_query", field: "limit" });
  const after = (await (await request.get("/api/v1/checkouts?limit=100", { headers: auth })).json()).data.length;
  expect(after).toBe(before);
});

test("Idempotency-Key: a retried create returns the same checkout", async ({ request }) => {
  const key = `idem-${Date.now()}`;
  const body = { amount: "9.99", currency: "EUR", orderId: key };
  const first = await createCheckout(request, body, { "idempotency-key": key });
  const second = await createCheckout(request, body, { "idempotency-key": key });
  expect(first.status()).toBe(201);
  expect(second.status()).toBe(201);
  expect(second.headers()["idempotent-replayed"]).toBe("true");
  expect((await second.json()).id).toBe((await first.json()).id);
  const other = await createCheckout(request, { ...body, amount: "10.99" }, { "idempotency-key": key });
  expect(other.status()).toBe(422);
  expect((await other.json()).error.code).toBe("idempotency_key_reused");
});

test("a customer pays: the status poll moves to paid through the webhook hint; ETag answers 304 in between", async ({
  request,
}) => {
  const created = await (await createCheckout(request, { payCurrencies: ["BTC", "UST-TRX"] })).json();
  expect(created.url).toMatch(new RegExp(`/pay/${created.id}$`));
  const status = await request.get(`/api/checkouts/${created.id}/status`);
  const etag = status.headers()["etag"]!;
  expect(etag).toBeTruthy();
  expect(
    (await request.get(`/api/checkouts/${created.id}/status`, { headers: { "if-none-match": etag } })).status(),
  ).toBe(304);
  const started = await request.post(`/api/checkouts/${created.id}/payment`, { data: { payCurrency: "UST-TRX" } });
  expect(started.status()).toBe(200);
  const view = await started.json();
  expect(view.payment).toMatchObject({
    rail: "pay",
    payCurrency: "UST-TRX",
    networkName: "Tron (TRC-20)",
    asset: "USDt",
  });
  expect(view.payment.address).toMatch(/^T/);
  // Public view: nothing only the merchant should see.
  expect(JSON.stringify(view)).not.toMatch(/webhookUrl|metadata|bitfinexId/);
  const merchant = await (await request.get(`/api/v1/checkouts/${created.id}`, { headers: auth })).json();
  const invoiceId = merchant.invoices[0].bitfinexId;
  expect(
    (await request.post(`/sandbox/control/invoices/${invoiceId}/pay`, { data: { payCurrency: "UST-TRX" } })).status(),
  ).toBe(200);
  await expect
    .poll(async () => (await (await request.get(`/api/checkouts/${created.id}/status`)).json()).state, {
      timeout: 10_000,
    })
    .toBe("paid");
  expect(
    (await request.get(`/api/checkouts/${created.id}/status`, { headers: { "if-none-match": etag } })).status(),
  ).toBe(200);
});

test("a forged Bitfinex webhook marks nothing paid", async ({ request }) => {
  const created = await (await createCheckout(request)).json();
  await request.post(`/api/checkouts/${created.id}/payment`, { data: { payCurrency: "BTC" } });
  const merchant = await (await request.get(`/api/v1/checkouts/${created.id}`, { headers: auth })).json();
  const forged = await request.post("/api/bitfinex/webhook", {
    data: {
      id: merchant.invoices[0].bitfinexId,
      status: "COMPLETED",
      orderId: created.id,
      payment: { status: "COMPLETED", amount: 1 },
    },
  });
  expect(forged.status()).toBe(200);
  expect((await (await request.get(`/api/checkouts/${created.id}/status`)).json()).state).toBe("awaiting_payment");
});

test("Pay withdrawn: other currencies get a clear 409, Lightning still takes the payment", async ({ request }) => {
  await request.post("/sandbox/control/pay-api", { data: { availability: "withdrawn" } });
  try {
    await request.get("/api/health?fresh=1");
    const created = await (await createCheckout(request)).json();
    const view = await (await request.get(`/api/checkouts/${created.id}`)).json();
    expect(
      view.options.filter((o: { available: boolean }) => o.available).map((o: { symbol: string }) => o.symbol),
    ).toEqual(["LNX"]);
    const btc = await request.post(`/api/checkouts/${created.id}/payment`, { data: { payCurrency: "BTC" } });
    expect(btc.status()).toBe(409);
    expect(await btc.json()).toMatchObject({ error: { code: "currency_unavailable", available: ["LNX"] } });
    const ln = await (
      await request.post(`/api/checkouts/${created.id}/payment`, { data: { payCurrency: "LNX" } })
    ).json();
    expect(ln.payment).toMatchObject({ rail: "lightning", asset: "BTC" });
    expect(ln.payment.paymentRequest).toMatch(/^lnbcrt/);
  } finally {
    await request.post("/sandbox/control/pay-api", { data: { availability: "available" } });
    await request.get("/api/health?fresh=1");
  }
});

test("payment links: a visit makes a fresh checkout; a chosen amount is checked; a disabled link says so", async ({
  request,
  page,
}) => {
  const link = await (
    await request.post("/api/v1/payment-links", {
      headers: auth,
      data: { name: "Tip jar", currency: "EUR", minAmount: "2.00", maxAmount: "50.00" },
    })
  ).json();
  // A chosen amount that cannot be paid: a 422 with the form again and the reason.
  const tooSmall = await request.get(`/l/${link.id}?amount=1.00`, { maxRedirects: 0 });
  expect(tooSmall.status()).toBe(422);
  expect(await tooSmall.text()).toContain("The amount must be at least 2.00 EUR.");
  await page.goto(`/l/${link.id}`);
  await expect(page.getByRole("heading", { name: "Tip jar" })).toBeVisible();
  await page.getByLabel("Amount (EUR)").fill("1.50");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByText("The amount must be at least 2.00 EUR.")).toHaveAttribute("role", "alert");
  await page.getByLabel("Amount (EUR)").fill("12.50");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/pay\/co_[a-z2-7]{26}$/);
  await expect(page.getByTestId("fiat-total")).toContainText("€12.50");
  const first = page.url();
  await page.goto(`/l/${link.id}?amount=12.50`);
  expect(page.url()).not.toBe(first);
  await request.patch(`/api/v1/payment-links/${link.id}`, { headers: auth, data: { active: false } });
  const off = await request.get(`/l/${link.id}`, { maxRedirects: 0 });
  expect(off.status()).toBe(410);
  expect(await off.text()).toContain("turned this payment link off");
});

test("signed links: the same link is the same checkout; a changed amount is refused with an error page", async ({
  request,
  page,
}) => {
  const made = await (
    await request.post("/api/v1/signed-links", {
      headers: auth,
      data: { amount: "40.00", currency: "USD", orderId: `S-${Date.now()}` },
    })
  ).json();
  const path = made.url.replace(/^https?:\/\/[^/]+/, "");
  const a = await request.get(path, { maxRedirects: 0 });
  const b = await request.get(path, { maxRedirects: 0 });
  expect(a.status()).toBe(303);
  expect(a.headers()["location"]).toBe(b.headers()["location"]);
  const tampered = await page.goto(path.replace("amount=40.00", "amount=4.00"));
  expect(tampered!.status()).toBe(400);
  await expect(page.getByRole("heading")).toHaveText("This payment link is not valid");
  const expired = await (
    await request.post("/api/v1/signed-links", {
      headers: auth,
      data: { amount: "1.00", currency: "USD", orderId: "old", exp: 1_000_000_000 },
    })
  ).json();
  expect((await request.get(expired.url.replace(/^https?:\/\/[^/]+/, ""), { maxRedirects: 0 })).status()).toBe(410);
});
