// Limits that cannot be turned against customers, measured against production servers:
// - behind one proxy on the same host (TRUST_PROXY unset, the default: a loopback peer's header is
//   believed, one hop): a flood that rotates the X-Forwarded-For entries
//   a client can write, or rotates addresses inside one IPv6 /64, gets 20 checkouts and then 429s,
//   while another customer opens the same link and pays;
// - with no proxy (TRUST_PROXY=0): X-Forwarded-For is ignored, the TCP peer is the client (two
//   loopback addresses play two customers);
// - "Start again" counts like a new checkout, so a restart chain stops at the same limit;
// - the total ceiling, reached by many addresses at once, keeps a customer out for at most a minute;
// - sign-in: a stranger who burns the admin's username cannot keep out an address that signed in before;
//   a password hash made at the old scrypt cost still signs in, and the log says how to renew it.
// Figures: test-results/reliability-limits.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { randomBytes, scryptSync } from "node:crypto";
import { request as httpRequest } from "node:http";
import { makeFixtures, signInCookie, type Fixtures } from "./support/fixtures";
import { PORT_BASE, pool, scenarioTime, startApp, writeFigures, type AppServer } from "./support/servers";
import { Shop } from "./support/shop";

let app: AppServer;
let fixtures: Fixtures;
const figures: Record<string, unknown> = {
  command: "npx next build && E2E_PORT=5100 npx playwright test e2e/reliability/limits.spec.ts",
};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startApp({ name: "limits", port: PORT_BASE + 40 });
  fixtures = await makeFixtures(app.url);
});

test.afterAll(async () => {
  await app?.dispose();
  writeFigures("limits", figures);
});

/** A GET as a given client: its headers, and optionally the local address its TCP connection comes from. */
function visit(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  localAddress?: string,
  method = "GET",
): Promise<{ status: number; location: string; retryAfter: number | null; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: { ...headers, connection: "close" },
        localAddress,
        agent: false,
        timeout: 30_000,
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ""),
            retryAfter: res.headers["retry-after"] ? Number(res.headers["retry-after"]) : null,
            body,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const rand = (n: number) => Math.floor(Math.random() * n);
const randomIPv4 = () => `${1 + rand(222)}.${rand(256)}.${rand(256)}.${1 + rand(254)}`;
const hex = () => rand(0x10000).toString(16);

/** Opens a link, starts a BTC payment on the checkout it made, has the sandbox pay it, and waits for "paid". */
async function payThroughLink(
  base: string,
  linkPath: string,
  headers: Record<string, string>,
  localAddress?: string,
): Promise<{ status: number; paidInMs: number | null }> {
  const opened = await visit(base, linkPath, headers, localAddress);
  if (opened.status !== 303) return { status: opened.status, paidInMs: null };
  const id = /\/pay\/(co_[a-z0-9]+)/.exec(opened.location)![1]!;
  const shop = new Shop(base);
  const started = Date.now();
  await shop.startPayment(id, "BTC", 60_000);
  await shop.control(`invoices/${id}/pay`);
  await shop.waitForState(id, "paid", 60_000);
  return { status: 303, paidInMs: Date.now() - started };
}

test("a flood with rotating X-Forwarded-For values and IPv6 addresses leaves another customer able to pay (behind one proxy)", async () => {
  test.setTimeout(240_000);
  const link = `/l/${fixtures.link}`;
  const started = Date.now();
  // The client writes any X-Forwarded-For it likes; the proxy appends the address it really saw.
  const spoofed = await pool(
    Array.from({ length: 150 }, (_, i) => i),
    8,
    () => visit(app.url, link, { "x-forwarded-for": `${randomIPv4()}, ${randomIPv4()}, 198.51.100.7` }),
  );
  // A client with an IPv6 /64 uses a new address for every request.
  const ipv6 = await pool(
    Array.from({ length: 150 }, (_, i) => i),
    8,
    () => visit(app.url, link, { "x-forwarded-for": `2001:db8:77:1:${hex()}:${hex()}:${hex()}:${hex()}` }),
  );
  const floodMs = Date.now() - started;
  const count = (list: Array<{ status: number }>, status: number) => list.filter((r) => r.status === status).length;
  figures.flood = {
    requests: spoofed.length + ipv6.length,
    seconds: Math.round(floodMs / 100) / 10,
    rotatingForwardedFor: { made: count(spoofed, 303), refused429: count(spoofed, 429) },
    rotatingIPv6InOne64: { made: count(ipv6, 303), refused429: count(ipv6, 429) },
  };
  expect(count(spoofed, 303)).toBe(20);
  expect(count(spoofed, 429)).toBe(130);
  expect(count(ipv6, 303)).toBe(20);
  expect(count(ipv6, 429)).toBe(130);
  expect(
    Math.max(...[...spoofed, ...ipv6].filter((r) => r.status === 429).map((r) => r.retryAfter ?? 0)),
  ).toBeLessThanOrEqual(600);
  // Meanwhile another customer opens the same link and pays, at once.
  const other = await payThroughLink(app.url, link, { "x-forwarded-for": "198.51.100.8" });
  expect(other.status).toBe(303);
  expect(other.paidInMs).not.toBeNull();
  // And another IPv6 customer, in a different /64.
  expect((await visit(app.url, link, { "x-forwarded-for": "2001:db8:77:2::1" })).status).toBe(303);
  (figures.flood as Record<string, unknown>).otherCustomerPaidInMs = other.paidInMs;
});

test('a restart chain is limited: "Start again" counts like a new checkout', async () => {
  test.setTimeout(180_000);
  const client = { "x-forwarded-for": "198.51.100.30" };
  const session = (await signInCookie(app.url, "sandbox", { "x-forwarded-for": "198.51.100.31" })).cookie!;
  const expire = async (id: string) => {
    const res = await fetch(`${app.url}/api/dashboard/checkouts/${id}/expire`, {
      method: "POST",
      headers: { cookie: session, "sec-fetch-site": "same-origin" },
    });
    expect(res.status, `expire ${id}`).toBe(200);
  };
  const opened = await visit(app.url, `/l/${fixtures.link}`, client);
  expect(opened.status).toBe(303);
  let id = /\/pay\/(co_[a-z0-9]+)/.exec(opened.location)![1]!;
  let restarts = 0;
  let refused: { status: number; body: string; retryAfter: number | null } | null = null;
  for (let i = 0; i < 30 && !refused; i++) {
    await expire(id);
    const res = await visit(app.url, `/api/checkouts/${id}/restart`, client, undefined, "POST");
    if (res.status === 201) {
      id = (JSON.parse(res.body) as { id: string }).id;
      restarts++;
    } else refused = res;
  }
  figures.restartChain = { linkVisits: 1, restartsAllowed: restarts, refusedWith: refused?.status ?? null };
  expect(refused?.status).toBe(429);
  expect(JSON.parse(refused!.body).error.code).toBe("rate_limited");
  expect(refused!.retryAfter).toBeGreaterThan(0);
  expect(restarts, "1 link visit + 19 restarts = the client's 20").toBe(19);
  // A refused restart made nothing: the last checkout is still the expired one, and restartable by another client.
  expect(
    (await visit(app.url, `/api/checkouts/${id}/restart`, { "x-forwarded-for": "198.51.100.32" }, undefined, "POST"))
      .status,
  ).toBe(201);
});

test("sign-in: a stranger who burns the admin's username keeps out new addresses, not one that signed in before", async () => {
  test.setTimeout(120_000);
  const admin = { "x-forwarded-for": "2001:db8:aa:1::10" };
  expect((await signInCookie(app.url, "sandbox", admin)).cookie, "the admin signs in as usual").not.toBeNull();
  // 50 wrong passwords for "admin", each from a new address (never 5 from one, so only the username's limit is reached).
  for (let i = 0; i < 50; i++) {
    const wrong = await signInCookie(app.url, "wrong-password", {
      "x-forwarded-for": `203.0.113.${100 + (i % 100)}, 192.0.2.${i}`,
    });
    expect(wrong.cookie).toBeNull();
  }
  const stranger = await signInCookie(app.url, "sandbox", { "x-forwarded-for": "192.0.2.250" });
  expect(stranger.cookie, "a new address, even with the right password, waits").toBeNull();
  expect(stranger.location).toContain("error=rate_limited");
  // The admin's network (same /64, another address) still gets in.
  const back = await signInCookie(app.url, "sandbox", { "x-forwarded-for": "2001:db8:aa:1::99" });
  expect(back.cookie, "the admin is not locked out").not.toBeNull();
  figures.signIn = { usernameFailuresFromNewAddresses: 50, newAddressRefused: true, knownAddressLetIn: true };
});

test("the total ceiling, reached from many addresses, keeps a customer out for at most a minute", async () => {
  test.setTimeout(180_000);
  const link = `/l/${fixtures.link}`;
  // 130 distinct clients (distinct /64s) in a burst: the 120-a-minute total is reached.
  const burst = await pool(
    Array.from({ length: 130 }, (_, i) => i),
    8,
    (i) => visit(app.url, link, { "x-forwarded-for": `2001:db8:${(0x1000 + i).toString(16)}::1` }),
  );
  const refused = burst.filter((r) => r.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  const customer = { "x-forwarded-for": "198.51.100.60" };
  const first = await visit(app.url, link, customer);
  expect(first.status).toBe(429);
  expect(first.retryAfter).toBeGreaterThan(0);
  expect(first.retryAfter).toBeLessThanOrEqual(60);
  const refusedAt = Date.now();
  await scenarioTime(first.retryAfter! * 1000 + 500); // the customer waits what the answer said, and comes back
  const paid = await payThroughLink(app.url, link, customer);
  expect(paid.status, "let in once the minute is over").toBe(303);
  figures.totalCeiling = {
    burstClients: burst.length,
    burstMade: burst.filter((r) => r.status === 303).length,
    burstRefused: refused.length,
    customerRetryAfterSeconds: first.retryAfter,
    customerWaitedMs: Date.now() - refusedAt,
  };
});

test("with TRUST_PROXY=0 X-Forwarded-For is ignored: the TCP peer is the client", async () => {
  test.setTimeout(180_000);
  const direct = await startApp({ name: "limits-direct", port: PORT_BASE + 41, env: { TRUST_PROXY: "0" } });
  try {
    const f = await makeFixtures(direct.url);
    const link = `/l/${f.link}`;
    // One client (127.0.0.2) rotating every header that could name a client, ours included.
    const flood = await pool(
      Array.from({ length: 60 }, (_, i) => i),
      6,
      () =>
        visit(
          direct.url,
          link,
          {
            "x-forwarded-for": `${randomIPv4()}, ${randomIPv4()}`,
            "x-real-ip": randomIPv4(),
            "x-checkout-socket-address": randomIPv4(),
          },
          "127.0.0.2",
        ),
    );
    const made = flood.filter((r) => r.status === 303).length;
    figures.noProxy = { requests: flood.length, made, refused429: flood.filter((r) => r.status === 429).length };
    expect(made).toBe(20);
    // Another client (127.0.0.3) sending the flooder's favourite header still pays.
    const other = await payThroughLink(direct.url, link, { "x-forwarded-for": "127.0.0.2" }, "127.0.0.3");
    expect(other.status).toBe(303);
    (figures.noProxy as Record<string, unknown>).otherCustomerPaidInMs = other.paidInMs;
  } finally {
    await direct.dispose();
  }
});

test("a password hash made at the old scrypt cost signs in, and the log tells the admin to make a new one", async () => {
  test.setTimeout(120_000);
  const salt = randomBytes(16);
  const key = scryptSync("an older admin secret", salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const hashed = await startApp({
    name: "limits-old-hash",
    port: PORT_BASE + 46,
    env: { ADMIN_PASSWORD_HASH: `scrypt$32768$8$1$${salt.toString("base64")}$${key.toString("base64")}` },
  });
  try {
    const started = Date.now();
    const signedIn = await signInCookie(hashed.url, "an older admin secret", { "x-forwarded-for": "198.51.100.90" });
    expect(signedIn.cookie).not.toBeNull();
    expect(hashed.output()).toMatch(
      /auth: ADMIN_PASSWORD_HASH was made with scrypt N=32768, below today's N=131072.*npm run --silent hash-password/,
    );
    expect(hashed.output()).not.toContain(key.toString("base64"));
    expect((await signInCookie(hashed.url, "wrong", { "x-forwarded-for": "198.51.100.91" })).cookie).toBeNull();
    figures.oldHash = { signedIn: true, warned: true, signInMs: Date.now() - started };
  } finally {
    await hashed.dispose();
  }
});
