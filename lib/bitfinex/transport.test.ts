import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { BitfinexErrorKind } from "./errors";
import { NonceSource } from "./nonce";
import { BitfinexTransport, type TransportOptions } from "./transport";
import { rejection } from "../../test/support/bitfinex-errors";

const KEY = "test-key";
const SECRET = "test-secret";
const REST = "https://rest.bfx.test";
const PUBLIC = "https://pub.bfx.test";
const CREATE = "v2/auth/w/ext/pay/invoice/create";
const LIST = "v2/auth/r/ext/pay/invoices";

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  nonce: string;
}

type Reply = (call: Seen, signal: AbortSignal) => Response | Promise<Response>;

/** A fake fetch that records every request and answers with `reply` (or one reply per call). */
function fakeFetch(reply: Reply | Reply[]) {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Seen = {
      url: String(input),
      method: init?.method ?? "GET",
      headers,
      body: typeof init?.body === "string" ? init.body : "",
      nonce: headers.get("bfx-nonce") ?? "",
    };
    seen.push(call);
    const r = Array.isArray(reply) ? reply[Math.min(seen.length - 1, reply.length - 1)]! : reply;
    return r(call, init!.signal!);
  }) as typeof fetch;
  return { seen, fetchImpl };
}

const json =
  (status: number, body: unknown): Reply =>
  () =>
    new Response(JSON.stringify(body), { status });
const text =
  (status: number, body: string): Reply =>
  () =>
    new Response(body, { status });
/** Never answers; rejects with the signal's reason once aborted (as real fetch does). */
const hang: Reply = (_call, signal) =>
  new Promise((_resolve, reject) => {
    // AbortSignal.timeout's timer is unref'd; a real socket would keep the process alive meanwhile.
    const keepAlive = setInterval(() => {}, 1_000);
    signal.addEventListener(
      "abort",
      () => {
        clearInterval(keepAlive);
        reject(signal.reason);
      },
      { once: true },
    );
  });

function transport(fetchImpl: typeof fetch, extra: Partial<TransportOptions> = {}) {
  return new BitfinexTransport({
    apiKey: KEY,
    apiSecret: SECRET,
    restUrl: REST,
    publicUrl: PUBLIC,
    timeoutMs: 2_000,
    retryBaseDelayMs: 1,
    fetch: fetchImpl,
    ...extra,
  });
}

const expectedSignature = (path: string, nonce: string, body: string) =>
  createHmac("sha384", SECRET).update(`/api/${path}${nonce}${body}`).digest("hex");

describe("BitfinexTransport: nonce order and signing", () => {
  it("40 concurrent authPosts reach the server one at a time with strictly increasing nonces", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { seen, fetchImpl } = fakeFetch(async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(Math.floor(Math.random() * 6));
      inFlight -= 1;
      return new Response("[]", { status: 200 });
    });
    const t = transport(fetchImpl);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.authPost(LIST, { limit: i }, { idempotent: true })),
    );
    assert.equal(results.length, 40);
    assert.equal(seen.length, 40);
    assert.equal(maxInFlight, 1, "two requests were in flight at once");
    for (let i = 1; i < seen.length; i++) {
      assert.ok(
        BigInt(seen[i]!.nonce) > BigInt(seen[i - 1]!.nonce),
        `arrival ${i}: nonce ${seen[i]!.nonce} <= ${seen[i - 1]!.nonce}`,
      );
    }
    // Every request was sent, each exactly once.
    assert.deepEqual(
      seen.map((s) => JSON.parse(s.body).limit).sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i),
    );
  });

  it("sends exactly the bytes it signed, to restUrl/path, with the four auth headers", async () => {
    const { seen, fetchImpl } = fakeFetch(json(200, [1]));
    const body = { amount: "2.50", currency: "USD", orderId: 'ördér "1"', customerInfo: { email: "a@b.c" }, n: 0.1 };
    await transport(fetchImpl).authPost(CREATE, body, { idempotent: false });
    const call = seen[0]!;
    assert.equal(call.url, `${REST}/${CREATE}`);
    assert.equal(call.method, "POST");
    assert.equal(call.body, JSON.stringify(body));
    assert.equal(call.headers.get("bfx-apikey"), KEY);
    assert.equal(call.headers.get("content-type"), "application/json");
    assert.match(call.nonce, /^\d{16}$/);
    assert.equal(call.headers.get("bfx-signature"), expectedSignature(CREATE, call.nonce, call.body));
  });

  it("parses a successful answer losslessly", async () => {
    const { fetchImpl } = fakeFetch(text(200, '{"amount":2.51094528,"t":1612460165497}'));
    assert.deepEqual(await transport(fetchImpl).authPost(CREATE, {}, { idempotent: false }), {
      amount: "2.51094528",
      t: 1612460165497,
    });
  });
});

describe("BitfinexTransport: error mapping", () => {
  const cases: {
    name: string;
    path: string;
    reply: Reply;
    kind: BitfinexErrorKind;
    raw: string;
    code?: number | null;
    opts?: Partial<TransportOptions>;
  }[] = [
    {
      name: "500 nonce: small",
      path: CREATE,
      reply: json(500, ["error", 10114, "nonce: small"]),
      kind: "nonce",
      raw: "nonce: small",
      code: 10114,
    },
    {
      name: "500 ERR_PAY_AMOUNT_INVALID with null code",
      path: CREATE,
      reply: json(500, ["error", null, "ERR_CREATE_INVOICE: ERR_PAY_AMOUNT_INVALID"]),
      kind: "invalid_request",
      raw: "ERR_PAY",
      code: null,
    },
    {
      name: "429 ratelimit",
      path: CREATE,
      reply: json(429, ["error", 11010, "ratelimit: error"]),
      kind: "rate_limited",
      raw: "ratelimit: error",
      code: 11010,
    },
    {
      name: "500 apikey: digest invalid",
      path: CREATE,
      reply: json(500, ["error", 10100, "apikey: digest invalid"]),
      kind: "auth",
      raw: "digest",
      code: 10100,
    },
    {
      name: "404 text on a Pay path",
      path: CREATE,
      reply: text(404, "Not Found"),
      kind: "pay_unavailable",
      raw: "Not Found",
    },
    {
      name: "500 ERR_PAY_USER_NOT_MERCHANT",
      path: LIST,
      reply: json(500, ["error", null, "ERR_INVOICE_LIST: ERR_PAY_USER_NOT_MERCHANT"]),
      kind: "pay_unavailable",
      raw: "ERR_PAY_USER_NOT_MERCHANT",
      code: null,
    },
    {
      name: "200 with truncated JSON",
      path: CREATE,
      reply: text(200, '[{"id":"trunc'),
      kind: "malformed",
      raw: "trunc",
    },
    {
      name: "no answer before the timeout",
      path: CREATE,
      reply: hang,
      kind: "timeout",
      raw: "abort",
      opts: { timeoutMs: 50 },
    },
    {
      name: "fetch rejects with TypeError",
      path: CREATE,
      reply: () => Promise.reject(new TypeError("fetch failed: ECONNREFUSED 10.0.0.1")),
      kind: "network",
      raw: "ECONNREFUSED",
    },
  ];

  for (const c of cases) {
    it(`${c.name} -> ${c.kind}, raw text kept only in upstreamMessage`, async () => {
      const { fetchImpl } = fakeFetch(c.reply);
      const err = await rejection(
        transport(fetchImpl, c.opts).authPost(c.path, { amount: "2" }, { idempotent: false }),
      );
      assert.equal(err.kind, c.kind);
      assert.equal(err.endpoint, "/" + c.path);
      if (c.code !== undefined) assert.equal(err.code, c.code);
      assert.ok(
        err.upstreamMessage?.includes(c.raw),
        `upstreamMessage ${JSON.stringify(err.upstreamMessage)} lacks ${c.raw}`,
      );
      for (const leak of [err.message, JSON.stringify(err), String(err)]) {
        assert.ok(!leak.includes(c.raw), `leaked ${c.raw} in ${leak}`);
        assert.ok(!leak.includes(err.upstreamMessage!), `leaked upstream text in ${leak}`);
      }
      assert.ok(!JSON.stringify(err).includes("ERR_") && !JSON.stringify(err).includes("digest"));
    });
  }
});

describe("BitfinexTransport: retries", () => {
  it("a read that gets 500 twice then 200 succeeds after 3 calls, each with a fresh nonce", async () => {
    const { seen, fetchImpl } = fakeFetch([
      text(500, "Internal Server Error"),
      text(500, "Internal Server Error"),
      json(200, []),
    ]);
    assert.deepEqual(await transport(fetchImpl).authPost(LIST, {}, { idempotent: true }), []);
    assert.equal(seen.length, 3);
    assert.ok(BigInt(seen[1]!.nonce) > BigInt(seen[0]!.nonce) && BigInt(seen[2]!.nonce) > BigInt(seen[1]!.nonce));
    for (const s of seen) assert.equal(s.headers.get("bfx-signature"), expectedSignature(LIST, s.nonce, s.body));
  });

  it("a read gives up after readAttempts", async () => {
    const { seen, fetchImpl } = fakeFetch(text(500, "Internal Server Error"));
    const err = await rejection(transport(fetchImpl).authPost(LIST, {}, { idempotent: true }));
    assert.equal(err.kind, "upstream");
    assert.equal(seen.length, 3);
  });

  it("a create that gets a 500 is not retried", async () => {
    const { seen, fetchImpl } = fakeFetch(json(500, ["error", 10001, "something broke"]));
    const err = await rejection(transport(fetchImpl).authPost(CREATE, { amount: "2" }, { idempotent: false }));
    assert.equal(err.kind, "upstream");
    assert.equal(seen.length, 1);
  });

  it("a create rejected for its nonce is retried once, with a larger nonce and the same body", async () => {
    const { seen, fetchImpl } = fakeFetch([json(500, ["error", 10114, "nonce: small"]), json(200, { id: "inv-1" })]);
    // A clock that stands still: the retry's nonce must still be larger.
    const t = transport(fetchImpl, { nonces: new NonceSource(() => 1_700_000_000_000) });
    assert.deepEqual(await t.authPost(CREATE, { amount: "2" }, { idempotent: false }), { id: "inv-1" });
    assert.equal(seen.length, 2);
    assert.ok(BigInt(seen[1]!.nonce) > BigInt(seen[0]!.nonce));
    assert.equal(seen[1]!.body, seen[0]!.body);
    assert.equal(seen[1]!.headers.get("bfx-signature"), expectedSignature(CREATE, seen[1]!.nonce, seen[1]!.body));
  });

  it("a create rejected for its nonce twice gives up after the one retry", async () => {
    const { seen, fetchImpl } = fakeFetch(json(500, ["error", 10114, "nonce: small"]));
    const err = await rejection(transport(fetchImpl).authPost(CREATE, { amount: "2" }, { idempotent: false }));
    assert.equal(err.kind, "nonce");
    assert.equal(seen.length, 2);
  });

  it("a timeout on a create is not retried (it may have been made)", async () => {
    const { seen, fetchImpl } = fakeFetch(hang);
    const err = await rejection(
      transport(fetchImpl, { timeoutMs: 50 }).authPost(CREATE, { amount: "2" }, { idempotent: false }),
    );
    assert.equal(err.kind, "timeout");
    assert.equal(seen.length, 1);
  });
});

describe("BitfinexTransport: rate limiting", () => {
  it("after a 429 every family, authenticated and public, fails fast without calling fetch (Bitfinex blocks the IP)", async (ctx) => {
    const { seen, fetchImpl } = fakeFetch((call) =>
      call.url.includes("/ext/pay/")
        ? new Response(JSON.stringify(["error", 11010, "ratelimit: error"]), { status: 429 })
        : new Response("[]"),
    );
    const t = transport(fetchImpl);
    const first = await rejection(t.authPost(LIST, {}, { idempotent: true }));
    assert.equal(first.kind, "rate_limited");
    assert.equal(seen.length, 1, "a 429 is not retried");

    // Time stands still from here (the test's clock): a call that waited for the block to end would never answer.
    ctx.mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"], now: Date.now() });
    for (const call of [
      () => t.authPost(CREATE, { amount: "2" }, { idempotent: false }),
      () => t.authPost("v2/auth/r/wallets", {}, { idempotent: true }),
      () => t.publicGet("v2/platform/status"),
    ]) {
      const refused = await rejection(call());
      assert.equal(refused.kind, "rate_limited");
      assert.ok(refused.retryAfterMs! > 55_000);
    }
    assert.equal(seen.length, 1, "fetch was called during the block");
  });

  it("a 429 pauses 60 s whatever its Retry-After says (Bitfinex's IP block); a longer Retry-After is kept, capped", async () => {
    const limited = (headers: Record<string, string>) => () =>
      new Response(JSON.stringify(["error", 11010, "ratelimit: error"]), { status: 429, headers });
    const plain = await rejection(transport(fakeFetch(limited({})).fetchImpl).authPost(LIST, {}, { idempotent: true }));
    assert.equal(plain.retryAfterMs, 60_000);
    const t = transport(fakeFetch(limited({ "retry-after": "2" })).fetchImpl, { maxLimiterWaitMs: 5_000 });
    await rejection(t.authPost(LIST, {}, { idempotent: true }));
    const after = await rejection(t.publicGet("v2/ticker/tBTCUSD"));
    assert.ok(after.retryAfterMs! > 55_000, `paused ${after.retryAfterMs} ms, not 2 s`);
    // Nonsense or huge values fall back to the default or are capped.
    const junk = await rejection(
      transport(fakeFetch(limited({ "retry-after": "soon" })).fetchImpl).authPost(LIST, {}, { idempotent: true }),
    );
    assert.equal(junk.retryAfterMs, 60_000);
    const huge = await rejection(
      transport(fakeFetch(limited({ "retry-after": "86400" })).fetchImpl).authPost(LIST, {}, { idempotent: true }),
    );
    assert.equal(huge.retryAfterMs, 120_000);
  });
});

describe("BitfinexTransport: a money movement that cannot leave in time is never sent", () => {
  const REFUND = "v2/auth/w/ext/pay/invoice/refund";

  it("a refund queued behind a backlog past its sendWithinMs is abandoned at once and dropped when its turn comes", async (ctx) => {
    let release!: () => void;
    const backlog = new Promise<void>((r) => (release = r));
    const { seen, fetchImpl } = fakeFetch(async (call) => {
      if (call.url.endsWith(LIST)) await backlog; // a slow read ahead of the refund holds the queue
      return new Response("[]", { status: 200 });
    });
    const t = transport(fetchImpl);
    // The test's clock: the refund's 150 ms pass when the test says so.
    ctx.mock.timers.enable({ apis: ["setTimeout", "Date"], now: Date.now() });
    const slow = t.authPost(LIST, {}, { idempotent: true });
    const refund = t.authPost(REFUND, { id: "inv1", amount: "1" }, { idempotent: false, sendWithinMs: 150 });
    let answered = false;
    const outcome = refund.then(
      () => assert.fail("the refund was sent"),
      (e: unknown) => e as import("./errors").BitfinexError,
    );
    void outcome.finally(() => (answered = true));
    const settle = () => new Promise((r) => setImmediate(r));
    ctx.mock.timers.tick(149);
    await settle();
    assert.equal(answered, false, "not answered before its 150 ms are up");
    ctx.mock.timers.tick(1);
    const error = await outcome;
    assert.equal(error.kind, "rate_limited");
    assert.equal(error.certainlyNotProcessed, true, "the caller may record it as not sent");
    ctx.mock.timers.reset();
    // Answered at its deadline, while the queue has not moved: the backlog clears: the read goes, the abandoned refund does not.
    release();
    await slow;
    // Anything queued after it runs only once the refund's turn has passed: wait for that, not for a time.
    await t.authPost(LIST, { after: true }, { idempotent: true });
    assert.deepEqual(
      seen.map((s) => s.url.slice(REST.length + 1)),
      [LIST, LIST],
      "the refund never reached Bitfinex",
    );
    assert.equal(t.stats().abandoned, 1);
  });

  it("a refund that left in time is answered as usual, even when the answer takes longer than sendWithinMs", async () => {
    const { seen, fetchImpl } = fakeFetch(async () => {
      await delay(120);
      return new Response("[1]", { status: 200 });
    });
    const answer = await transport(fetchImpl).authPost(REFUND, { id: "inv1" }, { idempotent: false, sendWithinMs: 50 });
    assert.deepEqual(answer, [1]);
    assert.equal(seen.length, 1);
  });
});
