// Users, roles and the second factor, attacked over HTTP against private instances (a sandbox-mode
// app, and a live-mode app that uses the first one's sandbox as its Bitfinex):
// - a cashier reaches none of the owner's pages by URL and none of the owner's API routes (every
//   one in lib/auth/access.ts, so a new route is attacked as soon as it is listed), and no refund
//   reaches the sandbox;
// - a removed user's session, and a session from before a password change, stop working on their
//   next request;
// - in live mode, a refund (and keys, the webhook endpoint, settings, users) is refused to a user
//   without a second factor, and goes through the gate once one is enrolled.
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { mkdirSync, writeFileSync } from "node:fs";
import { ACCESS, roleMay } from "../../lib/auth/access";
import { firstOwnerId } from "../../lib/auth/first-owner";
import { makeFixtures, signInCookie, type Fixtures } from "./support/fixtures";
import { SECRETS, startIsolatedApp, type IsolatedApp } from "./support/isolated-app";
import { enrolTotp } from "../support/totp";

let sandbox: IsolatedApp;
let live: IsolatedApp;
let fixtures: Fixtures;
let owner: string;
const figures: Record<string, unknown> = {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sandbox = await startIsolatedApp("sandbox");
  live = await startIsolatedApp("live");
  fixtures = await makeFixtures(sandbox.baseURL);
  owner = (await signInCookie(sandbox.baseURL)).cookie!;
  expect(owner).toBeTruthy();
});

test.afterAll(async () => {
  await live?.stop();
  await sandbox?.stop();
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    "test-results/reliability-roles.json",
    JSON.stringify(
      { command: "npx next build && npx playwright test e2e/reliability/roles.spec.ts", ...figures },
      null,
      2,
    ),
  );
});

const same = { "sec-fetch-site": "same-origin", "content-type": "application/json" };

function call(base: string, cookie: string, method: string, path: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    redirect: "manual",
    headers: { cookie, ...same },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function addUser(login: string, role: "owner" | "cashier", password: string): Promise<string> {
  const res = await call(sandbox.baseURL, owner, "POST", "/api/dashboard/users", {
    name: login,
    login,
    role,
    password,
  });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

/** A concrete path for a pattern: dynamic segments filled with well-formed ids. */
const concrete = (pattern: string, co: string) =>
  pattern
    .replace("[id]", pattern.includes("/checkouts/") ? co : "usr_aaaaaaaaaaaaaaaaaaaaaaaaaa")
    .replace("[refundId]", "re_aaaaaaaaaaaaaaaaaaaaaaaaaa");

test("a cashier reaches none of the owner's pages by URL and none of the owner's API routes; no refund reaches Bitfinex", async () => {
  test.setTimeout(120_000);
  await addUser("till", "cashier", "cashier password 1");
  const cashier = (await signInCookie(sandbox.baseURL, "cashier password 1", {}, "till")).cookie!;
  expect(cashier).toBeTruthy();
  let pagesRefused = 0;
  let pagesAllowed = 0;
  let apisRefused = 0;
  for (const [pattern, rule] of Object.entries(ACCESS)) {
    const path = concrete(pattern, fixtures.co);
    for (const method of Object.keys(rule)) {
      if (method === "PAGE") {
        const res = await call(sandbox.baseURL, cashier, "GET", path);
        if (roleMay("cashier", path, "PAGE")) {
          expect([200, 404], `${path} is a cashier's`).toContain(res.status);
          pagesAllowed++;
        } else {
          expect(res.status, path).toBe(307);
          expect(res.headers.get("location"), path).toContain(`/dashboard?denied=${encodeURIComponent(path)}`);
          pagesRefused++;
        }
        continue;
      }
      if (roleMay("cashier", path, method)) continue;
      const res = await call(
        sandbox.baseURL,
        cashier,
        method,
        path,
        method === "GET" ? undefined : { amount: "full", address: "x" },
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await res.json()).error.code, `${method} ${path}`).toBe("role_forbidden");
      apisRefused++;
    }
  }
  // The refusal is the role's, not the request's: the owner's same refund request gets past it.
  const ownerTry = await call(sandbox.baseURL, owner, "POST", `/api/dashboard/checkouts/${fixtures.co}/refunds`, {
    amount: "full",
    address: "x",
  });
  expect(ownerTry.status).not.toBe(403);
  const state = await (await fetch(`${sandbox.baseURL}/sandbox/control/state`)).json();
  expect(state.refunds.filter((r: { orderId: string }) => r.orderId === fixtures.co)).toHaveLength(0);
  // What a cashier is for still works.
  expect((await call(sandbox.baseURL, cashier, "GET", "/api/dashboard/checkouts/export")).status).toBe(200);
  expect((await call(sandbox.baseURL, cashier, "GET", "/dashboard/pos")).status).toBe(200);
  // Each refusal is in the audit log.
  const csv = await (
    await call(sandbox.baseURL, owner, "GET", "/api/dashboard/audit/export?action=access.denied&q=till")
  ).text();
  expect(csv.trimEnd().split("\r\n").length - 1).toBe(pagesRefused + apisRefused);
  figures.cashier = { pagesRefused, pagesAllowed, apiCallsRefused: apisRefused, refundsReachingBitfinex: 0 };
});

test("a removed user's session, and one from before a password change, stop working on their next request", async () => {
  const id = await addUser("temp", "cashier", "temporary pass 1");
  const session = (await signInCookie(sandbox.baseURL, "temporary pass 1", {}, "temp")).cookie!;
  expect((await call(sandbox.baseURL, session, "GET", "/api/dashboard/checkouts/export")).status).toBe(200);
  expect((await call(sandbox.baseURL, owner, "DELETE", `/api/dashboard/users/${id}`)).status).toBe(200);
  const api = await call(sandbox.baseURL, session, "GET", "/api/dashboard/checkouts/export");
  expect(api.status).toBe(401);
  const page = await call(sandbox.baseURL, session, "GET", "/dashboard/pos");
  expect(page.status).toBe(307);
  expect(page.headers.get("location")).toContain("/signin");
  expect((await signInCookie(sandbox.baseURL, "temporary pass 1", {}, "temp")).cookie).toBeNull();

  const other = await addUser("temp2", "cashier", "temporary pass 2");
  const before = (await signInCookie(sandbox.baseURL, "temporary pass 2", {}, "temp2")).cookie!;
  expect((await call(sandbox.baseURL, before, "GET", "/api/dashboard/checkouts/export")).status).toBe(200);
  expect(
    (await call(sandbox.baseURL, owner, "PATCH", `/api/dashboard/users/${other}`, { password: "a new password 2" }))
      .status,
  ).toBe(200);
  expect((await call(sandbox.baseURL, before, "GET", "/api/dashboard/checkouts/export")).status).toBe(401);
  const after = (await signInCookie(sandbox.baseURL, "a new password 2", {}, "temp2")).cookie!;
  expect((await call(sandbox.baseURL, after, "GET", "/api/dashboard/checkouts/export")).status).toBe(200);
  // The last owner can be neither removed nor demoted.
  const self = firstOwnerId("admin");
  expect((await (await call(sandbox.baseURL, owner, "DELETE", `/api/dashboard/users/${self}`)).json()).error.code).toBe(
    "last_owner",
  );
  figures.sessionsEnded = { removedUserNextRequest: 401, passwordChangedNextRequest: 401 };
});

test("live mode: no refund, key, webhook endpoint, setting or user change without a second factor", async () => {
  const uid = firstOwnerId("admin");
  const cookie = `next-auth.session-token=${await encode({ token: { name: "admin", sub: uid, uid, sv: 1 }, secret: SECRETS.authSecret, maxAge: 3600 })}`;
  const attempts: Array<[string, string, unknown]> = [
    [
      "POST",
      "/api/dashboard/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/refunds",
      { amount: "full", address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" },
    ],
    ["POST", "/api/dashboard/api-keys", { name: "x" }],
    ["PUT", "/api/dashboard/webhook", { url: "https://example.com/hook" }],
    ["POST", "/api/dashboard/webhook/secret", {}],
    ["PATCH", "/api/dashboard/settings", { defaultDurationSeconds: 900 }],
    ["POST", "/api/dashboard/users", { name: "x", login: "x", role: "owner", password: "long enough pass" }],
  ];
  for (const [method, path, body] of attempts) {
    const res = await call(live.baseURL, cookie, method, path, body);
    expect(res.status, `${method} ${path}`).toBe(403);
    expect((await res.json()).error.code, `${method} ${path}`).toBe("second_factor_required");
  }
  await enrolTotp(live.baseURL, cookie);
  // Past the gate: the refund now fails on what it is (no such checkout), the key is made.
  const refund = await call(live.baseURL, cookie, ...(attempts[0] as [string, string, unknown]));
  expect(refund.status).toBe(404);
  expect((await call(live.baseURL, cookie, "POST", "/api/dashboard/api-keys", { name: "after 2fa" })).status).toBe(201);
  figures.liveWithoutSecondFactor = { refused: attempts.length, afterEnrolment: "past the gate" };
});
