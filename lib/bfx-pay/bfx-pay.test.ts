/**
 * The Bitfinex-compatible layer without a server: signatures and nonces per key (an equal nonce
 * accepted, a lower one refused), creates idempotent per key + nonce + orderId, what the plugin may
 * send that we do not offer, each key seeing only its own invoices, and the plugin's webhook
 * written to the outbox once, on its own channel, when a plugin checkout expires.
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { createCheckout } from "../checkouts/create";
import { changeCheckout } from "../checkouts/repository";
import { checkoutInputSchema } from "../checkouts/validation";
import { bfxPayInvoices, checkouts, notificationEvents } from "../db/schema";
import { dbTargets, startEngine, type Engine } from "../../test/support/checkout-harness";
import { RateLimit } from "../limits/rate-limit";
import { authenticate, sign } from "./auth";
import { createInvoice } from "./create";
import { signedEndpoint } from "./endpoint";
import { BfxError } from "./errors";
import { createBfxKey, revokeBfxKey, type BfxPayKey } from "./keys";
import { listInvoices } from "./list";
import { pluginWebhookBody } from "./webhook";

const PATH = "v2/auth/r/ext/pay/invoices";

const pluginBody = (orderId: string, extra: Record<string, unknown> = {}) => ({
  amount: "25.00",
  currency: "EUR",
  payCurrencies: ["BTC", "MATIC"],
  orderId,
  duration: 86399,
  webhook: "http://127.0.0.1:9/?wc-api=bitfinex",
  redirectUrl: "http://127.0.0.1:9/thanks",
  customerInfo: {
    nationality: "DE",
    residCountry: "DE",
    residCity: "Berlin",
    residState: "",
    residZipCode: "10115",
    residStreet: "Invalidenstr. 1",
    fullName: "Jürgen Müller",
    email: "j@example.com",
  },
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<[string, number | null, string]> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof BfxError, `expected a BfxError, got ${String(e)}`);
    return e.body();
  }
  assert.fail("expected a refusal");
}

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`Bitfinex-compatible endpoints on ${dbName}`, () => {
    let engine: Engine;
    let keyA: BfxPayKey;
    let keyB: BfxPayKey;
    let creds: Awaited<ReturnType<typeof createBfxKey>>;
    const signed = (nonce: string, body = "{}", secret = creds.secret, apiKey = creds.apiKey) => ({
      apiKey,
      nonce,
      signature: sign(secret, PATH, nonce, body),
      path: PATH,
      body: Buffer.from(body),
    });
    before(async () => {
      engine = await startEngine(openDb);
      creds = await createBfxKey(engine.deps.db, "shop A", engine.deps.appUrl);
      keyA = await authenticate(engine.deps.db, signed("1000000"));
      const b = await createBfxKey(engine.deps.db, "shop B", engine.deps.appUrl);
      keyB = await authenticate(engine.deps.db, {
        ...signed("1000000", "{}", b.secret, b.apiKey),
      });
    });
    after(async () => {
      await engine.close();
    });

    it("gives the plugin's two URLs with the key, and the secret once", () => {
      assert.equal(creds.apiUrl, `${engine.deps.appUrl}/bfx/`);
      assert.equal(creds.redirectUrl, `${engine.deps.appUrl}/bfx/order/`);
      assert.match(creds.secret, /^bps_[A-Za-z0-9_-]{43}$/);
    });

    it("accepts an equal nonce, refuses a lower one, a wrong signature and an unknown key", async () => {
      await authenticate(engine.deps.db, signed("2000000"));
      await authenticate(engine.deps.db, signed("2000000"));
      assert.deepEqual(await refusal(authenticate(engine.deps.db, signed("1999999"))), [
        "error",
        10114,
        "nonce: small",
      ]);
      const bad = { ...signed("3000000"), signature: sign("not the secret", PATH, "3000000", "{}") };
      assert.deepEqual(await refusal(authenticate(engine.deps.db, bad)), ["error", 10100, "apikey: digest invalid"]);
      // The signature covers the body byte for byte.
      const tampered = { ...signed("3000000", '{"id":"a"}'), body: Buffer.from('{"id":"b"}') };
      assert.deepEqual(await refusal(authenticate(engine.deps.db, tampered)), [
        "error",
        10100,
        "apikey: digest invalid",
      ]);
      const unknown = signed("3000000", "{}", creds.secret, "bpk_nobody");
      assert.deepEqual(await refusal(authenticate(engine.deps.db, unknown)), ["error", 10100, "apikey: invalid"]);
      // A refused signature did not move the nonce on.
      await authenticate(engine.deps.db, signed("2000000"));
    });

    it("makes one checkout per key, nonce and orderId: a replay answers the same invoice", async () => {
      const first = await createInvoice(engine.deps, keyA, "5000000", pluginBody("101"));
      const again = await createInvoice(engine.deps, keyA, "5000000", pluginBody("101"));
      assert.equal(again.id, first.id);
      const sameSecondOtherOrder = await createInvoice(engine.deps, keyA, "5000000", pluginBody("102"));
      assert.notEqual(sameSecondOtherOrder.id, first.id);
      // Two copies of one request at the same moment: one checkout.
      const [x, y] = await Promise.all([
        createInvoice(engine.deps, keyA, "5500000", pluginBody("103")),
        createInvoice(engine.deps, keyA, "5500000", pluginBody("103")),
      ]);
      assert.equal(x.id, y.id);
      const made = await engine.deps.db.select().from(checkouts).where(eq(checkouts.orderId, "103"));
      assert.equal(made.length, 1);
      const retryLater = await createInvoice(engine.deps, keyA, "6000000", pluginBody("101"));
      assert.notEqual(retryLater.id, first.id);
      const [row] = await engine.deps.db.select().from(checkouts).where(eq(checkouts.id, first.id));
      assert.equal(row!.source, "bfx_plugin");
      assert.equal(row!.sourceRef, keyA.id);
      assert.equal(row!.type, "ECOMMERCE");
      assert.deepEqual(row!.payCurrencies, ["BTC"]);
      assert.equal(row!.customerInfo?.fullName, "Jürgen Müller");
      assert.equal(first.status, "CREATED");
    });

    it("brings durations into range, drops incomplete customer details, refuses what cannot be paid in words", async () => {
      const short = await createInvoice(engine.deps, keyA, "7000000", pluginBody("201", { duration: 60 }));
      assert.equal(short.duration, 300);
      const long = await createInvoice(engine.deps, keyA, "7000000", pluginBody("202", { duration: 259200 }));
      assert.equal(long.duration, 86400);
      const noDetails = await createInvoice(
        engine.deps,
        keyA,
        "7000000",
        pluginBody("203", { customerInfo: { ...pluginBody("x").customerInfo, residCity: "" } }),
      );
      assert.equal(noDetails.customerInfo, null);
      assert.deepEqual(
        await refusal(createInvoice(engine.deps, keyA, "7000000", pluginBody("204", { payCurrencies: ["MATICM"] }))),
        [
          "error",
          null,
          "ERR_CREATE_INVOICE: Paying with MATICM is not available at this shop. Please choose another payment method.",
        ],
      );
      assert.deepEqual(
        await refusal(createInvoice(engine.deps, keyA, "7000000", pluginBody("205", { currency: "XYZ" }))),
        ["error", null, "ERR_CREATE_INVOICE: ERR_PAY_CURRENCY_INVALID"],
      );
      const [, , message] = await refusal(
        createInvoice(engine.deps, keyA, "7000000", pluginBody("206", { amount: "0.00" })),
      );
      assert.match(
        message,
        /^ERR_CREATE_INVOICE: The order total \(0\.00 EUR\) cannot be paid in crypto: it must be greater than zero\.$/,
      );
    });

    it("lists only the key's own invoices, by id and by window", async () => {
      const mine = await createInvoice(engine.deps, keyA, "8000000", pluginBody("301"));
      assert.deepEqual(await listInvoices(engine.deps.db, engine.deps.appUrl, keyB, { id: mine.id }), []);
      const byId = await listInvoices(engine.deps.db, engine.deps.appUrl, keyA, { id: mine.id });
      assert.equal(byId.length, 1);
      assert.equal(byId[0]!.orderId, "301");
      const now = engine.deps.now();
      const windowB = await listInvoices(engine.deps.db, engine.deps.appUrl, keyB, {
        start: now - 3_600_000,
        end: now + 1000,
        limit: 100,
      });
      assert.deepEqual(windowB, []);
      // PHP's round() gives a float: "1765000000000.0" arrives as a string through the lossless parser.
      const windowA = await listInvoices(engine.deps.db, engine.deps.appUrl, keyA, {
        start: `${now - 3_600_000}.0`,
        end: `${now + 1000}.0`,
        limit: 100,
      });
      assert.ok(windowA.some((i) => i.id === mine.id));
      assert.equal((await listInvoices(engine.deps.db, engine.deps.appUrl, keyA, { limit: 2 })).length, 2);
    });

    it("writes the plugin's webhook once when a plugin checkout expires, on its own channel; none for other checkouts", async () => {
      const invoice = await createInvoice(engine.deps, keyA, "9000000", pluginBody("401"));
      const ctx = { appUrl: engine.deps.appUrl, mode: engine.deps.mode };
      await changeCheckout(
        engine.deps.db,
        invoice.id,
        engine.deps.now,
        () => ({ steps: ["expired"], reason: "test" }),
        ctx,
      );
      const events = await engine.deps.db
        .select()
        .from(notificationEvents)
        .where(eq(notificationEvents.checkoutId, invoice.id));
      assert.deepEqual(events.map((e) => [e.channel, e.type, e.destination]).sort(), [
        ["bfx_plugin", "checkout.expired", "http://127.0.0.1:9/?wc-api=bitfinex"],
        ["merchant", "checkout.expired", null],
      ]);
      const plugin = events.find((e) => e.channel === "bfx_plugin")!;
      const body = JSON.parse(pluginWebhookBody(plugin.payload));
      assert.deepEqual(body, {
        id: invoice.id,
        type: "ECOMMERCE",
        orderId: "401",
        status: "EXPIRED",
        amount: 25,
        currency: "EUR",
        t: invoice.t,
        invoices: [],
      });
      // A checkout of the merchant API never writes one.
      const { checkout } = await createCheckout(
        engine.deps,
        checkoutInputSchema("sandbox").parse({ amount: "5.00", currency: "EUR", orderId: "api-1" }),
        { source: "api" },
      );
      await changeCheckout(
        engine.deps.db,
        checkout.id,
        engine.deps.now,
        () => ({ steps: ["expired"], reason: "test" }),
        ctx,
      );
      const other = await engine.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notificationEvents)
        .where(and(eq(notificationEvents.checkoutId, checkout.id), eq(notificationEvents.channel, "bfx_plugin")));
      assert.equal(other[0]!.n, 0);
    });

    it("writes the link with the checkout or not at all", async () => {
      await assert.rejects(
        createCheckout(
          engine.deps,
          checkoutInputSchema("sandbox").parse({ amount: "5.00", currency: "EUR", orderId: "half-1" }),
          {
            source: "bfx_plugin",
            idempotency: { scope: "t", key: "half-1", request: {} },
            alongside: async () => {
              throw new Error("link failed");
            },
          },
        ),
        /link failed/,
      );
      const rows = await engine.deps.db.select().from(checkouts).where(eq(checkouts.orderId, "half-1"));
      assert.equal(rows.length, 0);
    });

    it("past a key's budget a signed request gets Bitfinex's 429 and does nothing; other keys are not held back", async () => {
      const limit = await RateLimit.create({ kind: "memory" }, { name: "bfx-test", points: 2, durationSeconds: 60 });
      let handled = 0;
      const call = (secret: string, apiKey: string, nonce: string) =>
        signedEndpoint(
          new Request(`http://127.0.0.1/bfx/${PATH}`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "bfx-apikey": apiKey,
              "bfx-nonce": nonce,
              "bfx-signature": sign(secret, PATH, nonce, "{}"),
            },
            body: "{}",
          }),
          engine.deps.db,
          PATH,
          async () => ++handled,
          (keyId) => limit.take(keyId),
        );
      const fresh = await createBfxKey(engine.deps.db, "budget", engine.deps.appUrl);
      const other = await createBfxKey(engine.deps.db, "other", engine.deps.appUrl);
      assert.equal((await call(fresh.secret, fresh.apiKey, "5000000")).status, 200);
      assert.equal((await call(fresh.secret, fresh.apiKey, "5000001")).status, 200);
      const refused = await call(fresh.secret, fresh.apiKey, "5000002");
      assert.equal(refused.status, 429);
      assert.deepEqual(await refused.json(), ["error", 11010, "ratelimit: error"]);
      assert.equal(handled, 2, "the refused request did nothing");
      assert.equal((await call(other.secret, other.apiKey, "5000000")).status, 200);
    });

    it("refuses a revoked key at once", async () => {
      assert.equal(await revokeBfxKey(engine.deps.db, keyA.id), true);
      assert.deepEqual(await refusal(authenticate(engine.deps.db, signed("9900000000000000"))), [
        "error",
        10100,
        "apikey: invalid",
      ]);
      const links = await engine.deps.db.select().from(bfxPayInvoices).where(eq(bfxPayInvoices.keyId, keyA.id));
      assert.ok(links.length > 0);
    });
  });
}
