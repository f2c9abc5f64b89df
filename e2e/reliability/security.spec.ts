// Security, measured against private instances whose secrets the test knows (a sandbox-mode app,
// and a live-mode app that uses the first one's sandbox as its Bitfinex):
// - the Bitfinex secret, the session-signing secret and the link-signing secret appear in no file
//   under .next/static, no page and no API answer (searched for, over a crawl of both apps);
// - security headers on every kind of answer (CSP with frame-ancestors, Referrer-Policy,
//   X-Content-Type-Options; HSTS in live mode);
// - every dashboard page and dashboard API route (found by walking app/) refuses a visitor
//   without a session: no cookie, forged cookies, a token signed with another secret, an expired
//   token (and a token signed with the right secret is let in, so the forgeries are real);
// - the sandbox's routes and the demo shop (found by walking app/) do not exist in live mode;
// - no open redirect: sign-in callbacks, next-auth's own redirects, Host header tricks;
// - checkouts made by visitors and sign-in attempts are rate-limited per client;
// - live mode refuses webhook destinations in special-purpose ranges, in every IPv6 form.
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { firstOwnerId } from "../../lib/auth/first-owner";
import { filesUnder, routesUnder } from "../support/routes";
import { enrolTotp } from "../support/totp";
import { keyHeader, makeFixtures, signInCookie, type Fixtures } from "./support/fixtures";
import { LIVE_MERCHANT_KEY, SECRETS, startIsolatedApp, type IsolatedApp } from "./support/isolated-app";

let sandbox: IsolatedApp;
let live: IsolatedApp;
let fixtures: Fixtures;
let session: string;
const figures: Record<string, unknown> = {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sandbox = await startIsolatedApp("sandbox");
  live = await startIsolatedApp("live");
  fixtures = await makeFixtures(sandbox.baseURL);
  const signedIn = await signInCookie(sandbox.baseURL);
  expect(signedIn.cookie).not.toBeNull();
  session = signedIn.cookie!;
});

test.afterAll(async () => {
  await live?.stop();
  await sandbox?.stop();
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    "test-results/reliability-security.json",
    JSON.stringify(
      { command: "npx next build && npx playwright test e2e/reliability/security.spec.ts", ...figures },
      null,
      2,
    ) + "\n",
  );
});

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const exported = (source: string, method: string) =>
  new RegExp(`export const ${method}\\b|export async function ${method}\\b|export \\{[^}]*\\bas ${method}\\b`).test(
    source,
  );

function findSecrets(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

test("no secret in .next/static or public/: the build ships none to browsers", async () => {
  expect(existsSync(".next/static"), "run `npx next build` first").toBe(true);
  // The payment page is a React page: its browser code is among Next's chunks.
  expect(existsSync(".next/static/chunks"), "next build makes .next/static/chunks").toBe(true);
  const files = [...filesUnder(".next/static"), ...filesUnder("public")];
  // Values the build could have seen (the environment of this run, the sandbox's documented
  // default secret) and the names of server-only settings, whose presence would mean server code
  // went into a browser bundle.
  const needles = [
    // (ADMIN_PASSWORD_HASH is left out: the sign-in page names it in its help text.)
    ...["BFX_API_SECRET", "NEXTAUTH_SECRET", "LINK_SIGNING_SECRET", "GITHUB_SECRET", "BFX_SANDBOX_API_SECRET"].flatMap(
      (name) => [name, ...(process.env[name] ? [process.env[name]!] : [])],
    ),
    "sandbox-api-secret",
    ...Object.values(SECRETS),
  ];
  const found: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    bytes += text.length;
    for (const needle of needles) if (text.includes(needle)) found.push(`${file}: ${needle}`);
  }
  figures.staticFiles = files.length;
  figures.staticBytes = bytes;
  figures.staticSecretsFound = found.length;
  expect(files.length).toBeGreaterThan(10);
  expect(found).toEqual([]);
});

test("no secret in any page or API answer of either app, signed in or not", async () => {
  test.setTimeout(120_000);
  const dashboardPages = routesUnder("app/dashboard", "page.tsx", (seg) => (seg === "[id]" ? fixtures.co : seg));
  // Ids that exist, so that detail pages render rather than 404. A test event needs a URL to go to
  // (the dashboard refuses one that would wait for ever): a closed port on this machine.
  const set = await fetch(`${sandbox.baseURL}/api/dashboard/webhook`, {
    method: "PUT",
    headers: { cookie: session, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify({ url: "http://127.0.0.1:9/hooks" }),
  });
  expect(set.status).toBe(200);
  const evt = await (
    await fetch(`${sandbox.baseURL}/api/dashboard/notifications/test`, {
      method: "POST",
      headers: { cookie: session, "sec-fetch-site": "same-origin" },
    })
  ).json();
  expect(evt.id).toMatch(/^evt_/);
  const pages = dashboardPages.map(({ path }) =>
    path.startsWith("/dashboard/webhooks/") ? `/dashboard/webhooks/${evt.id}` : path,
  );
  // A payment started in each app: the live one signs a real request to its "Bitfinex".
  const liveCheckout = await (
    await fetch(`${live.baseURL}/api/v1/checkouts`, {
      method: "POST",
      headers: { authorization: `Bearer ${LIVE_MERCHANT_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        amount: "20.00",
        currency: "USD",
        orderId: "L-1",
        redirectUrl: "https://shop.example/thanks",
      }),
    })
  ).json();
  expect(liveCheckout.id).toMatch(/^co_/);
  const requests: Array<{ base: string; path: string; init?: RequestInit }> = [];
  const get = (base: string, path: string, headers: Record<string, string> = {}) =>
    requests.push({ base, path, init: { headers } });
  const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    requests.push({
      base,
      path,
      init: { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) },
    });
  for (const base of [sandbox.baseURL, live.baseURL]) {
    for (const path of [
      "/",
      "/signin",
      "/embed.js",
      "/api/health",
      "/api/health?fresh=1",
      "/api/metrics",
      "/api/auth/csrf",
      "/api/auth/providers",
      "/api/auth/session",
      "/no-such-page",
    ])
      get(base, path);
  }
  const s = sandbox.baseURL;
  for (const path of [
    `/pay/${fixtures.co}`,
    `/pay/${fixtures.ecom}`,
    `/api/checkouts/${fixtures.co}`,
    `/api/checkouts/${fixtures.co}/status`,
    `/l/${fixtures.link}`,
    `/l/${fixtures.openLink}/amount`,
    `/s?${fixtures.signed}`,
    "/demo",
    "/sandbox/control/state",
  ])
    get(s, path);
  post(s, `/api/checkouts/${fixtures.co}/payment`, { payCurrency: "BTC" });
  for (const path of [
    "/api/v1/checkouts",
    `/api/v1/checkouts/${fixtures.co}`,
    "/api/v1/payment-links",
    `/api/v1/payment-links/${fixtures.link}`,
  ])
    get(s, path, keyHeader);
  post(s, "/api/v1/signed-links", { amount: "1.00", currency: "USD", orderId: "SEC-1" }, keyHeader);
  get(s, "/api/v1/webhook-endpoint", keyHeader);
  get(s, "/api/openapi.json");
  for (const path of [...pages, "/api/dashboard/checkouts/export", "/api/auth/session"])
    get(s, path, { cookie: session });
  post(s, "/api/dashboard/api-keys", { name: "scan" }, { cookie: session, "sec-fetch-site": "same-origin" });
  post(s, "/api/dashboard/webhook/secret", {}, { cookie: session, "sec-fetch-site": "same-origin" });
  const l = live.baseURL;
  const liveKey = { authorization: `Bearer ${LIVE_MERCHANT_KEY}` };
  for (const path of [
    `/pay/${liveCheckout.id}`,
    `/api/checkouts/${liveCheckout.id}`,
    "/api/v1/checkouts",
    `/api/v1/checkouts/${liveCheckout.id}`,
  ])
    get(l, path, path.startsWith("/api/v1") ? liveKey : {});
  post(l, `/api/checkouts/${liveCheckout.id}/payment`, { payCurrency: "BTC" });
  post(l, `/api/checkouts/${liveCheckout.id}/payment`, { payCurrency: "LNX" });

  const leaks: string[] = [];
  const statuses: Record<string, number> = {};
  for (const { base, path, init } of requests) {
    const res = await fetch(`${base}${path}`, { ...init, redirect: "manual" });
    const text = (await res.text()) + JSON.stringify([...res.headers]);
    statuses[`${init?.method ?? "GET"} ${base === l ? "live" : "sandbox"} ${path}`] = res.status;
    for (const name of findSecrets(text)) leaks.push(`${path}: ${name}`);
  }
  figures.answersSearched = requests.length;
  figures.secretsInAnswers = leaks.length;
  // The crawl really reached the signed-in pages and the payments (not only error pages).
  for (const path of pages) expect(statuses[`GET sandbox ${path}`], path).toBe(200);
  expect(statuses[`POST sandbox /api/checkouts/${fixtures.co}/payment`]).toBe(200);
  expect(statuses[`POST live /api/checkouts/${liveCheckout.id}/payment`]).toBe(200);
  expect(leaks).toEqual([]);
});

test("security headers on pages, API answers, redirects and errors; HSTS in live mode", async () => {
  const paths = [
    "/",
    "/signin",
    `/pay/${fixtures.co}`,
    `/l/${fixtures.link}`,
    "/api/health",
    "/api/v1/checkouts",
    "/dashboard",
    "/no-such-page",
    "/embed.js",
  ];
  const missing: string[] = [];
  let checked = 0;
  for (const [mode, base] of [
    ["sandbox", sandbox.baseURL],
    ["live", live.baseURL],
  ] as const) {
    for (const path of paths) {
      const res = await fetch(`${base}${path}`, { redirect: "manual" });
      const h = res.headers;
      const where = `${mode} ${path} (${res.status})`;
      checked++;
      if (h.get("x-content-type-options") !== "nosniff") missing.push(`${where}: X-Content-Type-Options`);
      if (h.get("referrer-policy") !== "strict-origin-when-cross-origin") missing.push(`${where}: Referrer-Policy`);
      const csp = h.get("content-security-policy") ?? "";
      if (!/default-src 'self'/.test(csp) || !/object-src 'none'/.test(csp) || !/base-uri 'self'/.test(csp))
        missing.push(`${where}: CSP ${csp}`);
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1];
      const embeddable = /^\/(pay|l)\//.test(path);
      if (embeddable ? !ancestors?.startsWith("'self'") : ancestors !== "'none'")
        missing.push(`${where}: frame-ancestors ${ancestors}`);
      if (!embeddable && h.get("x-frame-options") !== "DENY") missing.push(`${where}: X-Frame-Options`);
      const hsts = h.get("strict-transport-security");
      if (mode === "live" && !/max-age=\d{7,}/.test(hsts ?? "")) missing.push(`${where}: HSTS`);
      if (mode === "sandbox" && hsts) missing.push(`${where}: HSTS on plain http in sandbox mode`);
      if (res.headers.get("x-powered-by")) missing.push(`${where}: X-Powered-By`);
    }
  }
  // Next's own static files: no CSP needed (not documents), but never sniffed.
  const chunk = filesUnder(".next/static").find((f) => f.endsWith(".js"))!;
  const asset = await fetch(`${sandbox.baseURL}/_next/static/${relative(".next/static", chunk)}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  figures.headerChecks = checked + 1;
  figures.headersMissing = missing.length;
  expect(missing).toEqual([]);
});

test("every dashboard page and dashboard API route refuses a visitor without a session (crawled from app/)", async () => {
  test.setTimeout(120_000);
  const pages = routesUnder("app/dashboard", "page.tsx", () => fixtures.co);
  const apis = routesUnder("app/api/dashboard", "route.ts", () => fixtures.co);
  expect(pages.length).toBeGreaterThanOrEqual(8);
  expect(apis.length).toBeGreaterThanOrEqual(10);
  const now = Math.floor(Date.now() / 1000);
  // A session names its user and the session version it was made with (lib/auth/session.ts).
  const admin = { name: "admin", sub: firstOwnerId("admin"), uid: firstOwnerId("admin"), sv: 1 };
  const token = (secret: string, maxAge: number) => encode({ token: admin, secret, maxAge });
  const valid = await token(SECRETS.authSecret, 3600);
  const visitors: Array<[string, string | null]> = [
    ["no cookie", null],
    ["a forged word", "next-auth.session-token=forged"],
    [
      "an unsigned JWT",
      `next-auth.session-token=${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ ...admin, exp: now + 3600 })).toString("base64url")}.`,
    ],
    [
      "a token signed with another secret",
      `next-auth.session-token=${await token("not-the-secret-of-this-app-0123456789", 3600)}`,
    ],
    [
      "an expired token signed with the right secret",
      `next-auth.session-token=${await token(SECRETS.authSecret, -60)}`,
    ],
    ["a valid token in the __Secure- cookie over http", `__Secure-next-auth.session-token=${valid}`],
    [
      "a valid token with one character changed",
      `next-auth.session-token=${valid.slice(0, -2)}${valid.at(-2) === "A" ? "B" : "A"}${valid.at(-1)}`,
    ],
  ];
  let refused = 0;
  for (const [who, cookie] of visitors) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    for (const { path } of pages) {
      const res = await fetch(`${sandbox.baseURL}${path}`, { headers, redirect: "manual" });
      expect([302, 303, 307], `${path}, ${who}`).toContain(res.status);
      expect(res.headers.get("location"), `${path}, ${who}`).toContain("/signin");
      refused++;
    }
    for (const { path, source } of apis) {
      for (const method of METHODS) {
        if (!exported(source, method)) continue;
        const res = await fetch(`${sandbox.baseURL}${path}`, {
          method,
          redirect: "manual",
          headers: {
            ...headers,
            "sec-fetch-site": "same-origin",
            ...(method === "GET" ? {} : { "content-type": "application/json" }),
          },
          body: method === "GET" ? undefined : "{}",
        });
        expect(res.status, `${method} ${path}, ${who}`).toBe(401);
        expect((await res.json()).error.code, `${method} ${path}, ${who}`).toBe("unauthorized");
        refused++;
      }
    }
  }
  // The forgeries are real: the same kind of token, signed with this app's secret, gets in.
  const control = await fetch(`${sandbox.baseURL}/dashboard`, {
    headers: { cookie: `next-auth.session-token=${valid}` },
    redirect: "manual",
  });
  expect(control.status).toBe(200);
  const controlApi = await fetch(`${sandbox.baseURL}/api/dashboard/checkouts/export`, {
    headers: { cookie: `next-auth.session-token=${valid}` },
  });
  expect(controlApi.status).toBe(200);
  figures.dashboardPages = pages.length;
  figures.dashboardApiRoutes = apis.length;
  figures.sessionRefusals = refused;
});

test("in live mode the sandbox's routes and the demo shop do not exist (crawled from app/)", async () => {
  // Catch-all segments filled with a path that answers GET in sandbox mode.
  const fill = (dir: string) => (dir.includes("bitfinex") ? "v2/platform/status" : "state");
  const routes = [
    ...routesUnder("app/sandbox/bitfinex", "route.ts", () => fill("bitfinex")),
    ...routesUnder("app/sandbox/control", "route.ts", () => fill("control")),
    ...routesUnder("app/sandbox", "page.tsx", () => "x"),
    ...routesUnder("app/demo", "route.ts", () => "x"),
    ...routesUnder("app/demo", "page.tsx", () => "x"),
  ];
  // The benchmark's bare route is off in a normal sandbox too (BENCH_BARE_ROUTE=1 turns it on; see
  // e2e/modes.spec.ts), so it is only checked below, in live mode.
  const benchRoutes = routesUnder("app/sandbox/bench", "route.ts", () => "co_x");
  expect(routesUnder("app/sandbox", "route.ts", () => "x").length, "every sandbox route is covered above").toBe(
    2 + benchRoutes.length,
  );
  expect(routes.length).toBeGreaterThanOrEqual(3);
  const extra = [
    "/sandbox/control/state",
    "/sandbox/control/db-digest",
    "/sandbox/bitfinex/v2/platform/status",
    "/sandbox/control/reset",
  ];
  let checked = 0;
  for (const { path, source } of routes) {
    const methods = source.includes("export default") ? ["GET"] : METHODS.filter((m) => exported(source, m));
    // Each exists in sandbox mode, so the 404 in live mode is the mode, not a wrong path.
    const there = await fetch(
      `${sandbox.baseURL}${path}`,
      methods.includes("GET")
        ? {}
        : {
            method: methods[0],
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ product: "mug" }),
          },
    );
    expect(there.status, `sandbox ${path}`).toBeLessThan(300);
    for (const method of methods) {
      const res = await fetch(`${live.baseURL}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      expect(res.status, `live ${method} ${path}`).toBe(404);
      checked++;
    }
  }
  for (const { path } of benchRoutes) {
    expect((await fetch(`${live.baseURL}${path}`)).status, `live GET ${path}`).toBe(404);
    checked++;
  }
  for (const path of extra) {
    expect(
      (await fetch(`${live.baseURL}${path}`, { method: path.endsWith("reset") ? "POST" : "GET" })).status,
      path,
    ).toBe(404);
    checked++;
  }
  // The sandbox's default merchant key does not work in live mode either.
  expect((await fetch(`${live.baseURL}/api/v1/checkouts`, { headers: keyHeader })).status).toBe(401);
  figures.liveSandboxRoutesChecked = checked + 1;
});

test("no open redirect: sign-in callbacks, next-auth's redirects, Host header tricks", async () => {
  const origin = new URL(sandbox.baseURL).origin;
  const staysHome = (location: string | null) => {
    if (location === null) return false;
    // Resolved as a browser would, after dropping tabs and newlines and reading \ as /.
    const cleaned = location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
    return new URL(cleaned, sandbox.baseURL).origin === origin;
  };
  const evil = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "http:evil.example",
    "javascript:alert(document.domain)",
    "https://localhost.evil.example",
    `${origin}@evil.example`,
  ];
  let checked = 0;
  for (const target of evil) {
    const signedIn = await fetch(`${sandbox.baseURL}/signin?callbackUrl=${encodeURIComponent(target)}`, {
      headers: { cookie: session },
      redirect: "manual",
    });
    expect(signedIn.status, `signed-in /signin → ${JSON.stringify(target)}`).toBe(307);
    expect(
      staysHome(signedIn.headers.get("location")),
      `signed-in /signin → ${JSON.stringify(target)}: ${signedIn.headers.get("location")}`,
    ).toBe(true);
    // Signed out, the page renders (never a 500) with the same safe target for after sign-in.
    const anon = await fetch(`${sandbox.baseURL}/signin?callbackUrl=${encodeURIComponent(target)}`);
    expect(anon.status, `/signin?callbackUrl=${JSON.stringify(target)}`).toBe(200);
    const nextAuth = await fetch(`${sandbox.baseURL}/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`, {
      redirect: "manual",
    });
    expect(nextAuth.status).toBeLessThan(400);
    expect(staysHome(nextAuth.headers.get("location")), `/api/auth/signin → ${nextAuth.headers.get("location")}`).toBe(
      true,
    );
    checked += 3;
  }
  // Signing in with a foreign callbackUrl lands in the dashboard.
  const csrf = await fetch(`${sandbox.baseURL}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const callback = await fetch(`${sandbox.baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "198.51.100.77" },
    body: new URLSearchParams({
      csrfToken,
      username: "admin",
      password: "sandbox",
      callbackUrl: "https://evil.example/phish",
    }).toString(),
  });
  expect(callback.status).toBe(302);
  expect(
    staysHome(callback.headers.get("location")),
    `credentials callback → ${callback.headers.get("location")}`,
  ).toBe(true);
  checked++;
  // Links redirect to APP_URL whatever Host or X-Forwarded-Host the request claims.
  for (const path of [`/l/${fixtures.link}`, `/s?${fixtures.signed}`, "/dashboard"]) {
    const res = await fetch(`${sandbox.baseURL}${path}`, {
      redirect: "manual",
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(res.status, path).toBeGreaterThanOrEqual(300);
    expect(res.status, path).toBeLessThan(400);
    expect(staysHome(res.headers.get("location")), `${path} → ${res.headers.get("location")}`).toBe(true);
    checked++;
  }
  figures.openRedirectProbes = checked;
});

test("checkouts made by visitors are rate-limited per client, and so are sign-ins", async () => {
  // Payment links: every visit makes a checkout. One client address is held back after its limit…
  const visit = (path: string, address: string) =>
    fetch(`${sandbox.baseURL}${path}`, { redirect: "manual", headers: { "x-forwarded-for": address } });
  let made = 0;
  let limited: Response | null = null;
  for (let i = 0; i < 30 && !limited; i++) {
    const res = await visit(`/l/${fixtures.link}`, "203.0.113.10");
    if (res.status === 303) made++;
    else limited = res;
  }
  expect(limited?.status, "the client was limited").toBe(429);
  expect(made).toBe(20);
  expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await limited!.text()).toContain("Too many checkouts");
  // …for signed links and the demo shop too, with the API's error shape…
  const signed = await (
    await fetch(`${sandbox.baseURL}/api/v1/signed-links`, {
      method: "POST",
      headers: { ...keyHeader, "content-type": "application/json" },
      body: JSON.stringify({ amount: "3.00", currency: "USD", orderId: "RL-1" }),
    })
  ).json();
  expect((await visit(new URL(signed.url).pathname + new URL(signed.url).search, "203.0.113.10")).status).toBe(429);
  const demo = await fetch(`${sandbox.baseURL}/demo/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.10" },
    body: JSON.stringify({ product: "mug" }),
  });
  expect(demo.status).toBe(429);
  expect((await demo.json()).error.code).toBe("rate_limited");
  // …while another client is not.
  expect((await visit(`/l/${fixtures.link}`, "203.0.113.11")).status).toBe(303);

  // Sign-in: 5 wrong passwords from one address, then even the right one is refused there.
  const attempt = (password: string, address: string) =>
    signInCookie(sandbox.baseURL, password, { "x-forwarded-for": address });
  for (let i = 0; i < 5; i++) {
    const wrong = await attempt("wrong-password", "203.0.113.20");
    expect(wrong.cookie).toBeNull();
    expect(wrong.location).toContain("error=CredentialsSignin");
  }
  const blocked = await attempt("sandbox", "203.0.113.20");
  expect(blocked.cookie, "the right password from the limited address").toBeNull();
  expect(blocked.location).toContain("error=rate_limited");
  const elsewhere = await attempt("sandbox", "203.0.113.21");
  expect(elsewhere.cookie, "the right password from another address").not.toBeNull();
  figures.rateLimits = { publicCheckoutsPerClient: made, signInFailuresBeforeLimit: 5 };
});

test("live mode refuses webhook destinations in special-purpose ranges, 169.254.169.254 in its NAT64 and other IPv6 forms included", async () => {
  const owner = firstOwnerId("admin");
  const cookie = `next-auth.session-token=${await encode({ token: { name: "admin", sub: owner, uid: owner, sv: 1 }, secret: SECRETS.authSecret, maxAge: 3600 })}`;
  // In live mode the webhook endpoint is changed only by a user with a second factor: enrol one.
  await enrolTotp(live.baseURL, cookie);
  const put = (url: string) =>
    fetch(`${live.baseURL}/api/dashboard/webhook`, {
      method: "PUT",
      headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ url }),
    });
  const refused = [
    "https://[64:ff9b::a9fe:a9fe]/hook", // NAT64 (well-known prefix) of 169.254.169.254
    "https://[64:ff9b::169.254.169.254]/hook",
    "https://[64:ff9b:1::a9fe:a9fe]/hook", // NAT64, local-use prefix
    "https://[2002:a9fe:a9fe::1]/hook", // 6to4
    "https://[::ffff:169.254.169.254]/hook", // IPv4-mapped
    "https://[fec0::1]/hook", // site-local
    "https://[fd00:ec2::254]/hook", // unique local (AWS's IPv6 metadata address)
    "https://169.254.169.254/hook",
    "https://100.100.100.200/hook", // CGNAT (Alibaba's metadata address)
    "https://192.0.0.192/hook", // IETF protocol assignments
    "https://198.18.0.1/hook", // benchmarking
  ];
  for (const url of refused) {
    const res = await put(url);
    expect(res.status, url).toBe(422);
    const body = await res.json();
    expect(body.error.code, url).toBe("invalid_field");
    expect(body.error.message, url).toMatch(/^url: must be a public internet address/);
  }
  // A public address is accepted, so the refusals above are about the address.
  const ok = await put("https://[2606:4700:4700::1111]/hook");
  expect(ok.status).toBe(200);
  figures.webhookDestinationsRefused = refused.length;
});

test("no secret in either app's log, after every request above (keys, signatures, sessions, webhooks)", async () => {
  // Runs last: by now both apps have signed Bitfinex requests with the secret, checked sessions
  // signed with the auth secret, made links and webhook events, and answered hundreds of hostile
  // requests. Their whole output is searched for each secret, and for the live merchant key.
  const needles: Record<string, string> = { ...SECRETS, liveMerchantKey: LIVE_MERCHANT_KEY };
  const found: string[] = [];
  for (const [app, output] of [
    ["sandbox", sandbox.output()],
    ["live", live.output()],
  ] as const) {
    expect(output.length, `${app} logged something`).toBeGreaterThan(100);
    for (const [name, value] of Object.entries(needles)) if (output.includes(value)) found.push(`${app}: ${name}`);
  }
  figures.secretsInLogs = found.length;
  expect(found).toEqual([]);
});
