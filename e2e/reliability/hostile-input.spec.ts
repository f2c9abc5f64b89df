// Bad input, measured: a corpus of hostile requests (e2e/reliability/corpus) against every public
// endpoint, form and link, and the dashboard's API. Every one must get the 4xx the corpus names,
// with a clear error (the JSON error shape with its code, or an HTML page that says what is
// wrong); none may get a 5xx; and no table may gain or change a row (row counts and hashes from
// the sandbox-only GET /sandbox/control/db-digest, before and after). The figures go to
// test-results/reliability-input.json, quoted in docs/RELIABILITY.md.
import { expect, test } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { CORPUS, type HostileCase } from "./corpus";
import { dbDigest, keyHeader, makeFixtures, signInCookie, type Fixtures } from "./support/fixtures";
import { SECRETS, startIsolatedApp, type IsolatedApp } from "./support/isolated-app";

let app: IsolatedApp;
let fixtures: Fixtures;
let session: string;
/** A key made in the dashboard with the default scopes (reading and creating checkouts). */
let narrowKey: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startIsolatedApp("sandbox");
  fixtures = await makeFixtures(app.baseURL);
  const signedIn = await signInCookie(app.baseURL);
  expect(signedIn.cookie, "signed in to the dashboard").not.toBeNull();
  session = signedIn.cookie!;
  const made = await fetch(`${app.baseURL}/api/dashboard/api-keys`, {
    method: "POST",
    headers: {
      cookie: session,
      origin: new URL(app.baseURL).origin,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    },
    body: JSON.stringify({ name: "plugin (default scopes)" }),
  });
  expect(made.status).toBe(201);
  const key = (await made.json()) as { key: string; scopes: string[] };
  expect(key.scopes).toEqual(["checkouts:read", "checkouts:write"]);
  narrowKey = key.key;
});

test.afterAll(async () => {
  await app?.stop();
});

/** Fills {co}, {link}, … and {signed:param=value} (the valid signed link with one parameter changed). */
function fill(text: string, f: Fixtures): string {
  return text
    .replace(/\{signed:(\w+)=([^}]*)\}/g, (_, param: string, value: string) => {
      const q = new URLSearchParams(f.signed);
      q.set(param, value === "UPPER" ? q.get(param)!.toUpperCase() : decodeURIComponent(value));
      return q.toString();
    })
    .replace(/\{(co|ecom|link|openLink|offLink|signed|expiredSigned)\}/g, (_, k: keyof Fixtures) => f[k]);
}

function fillJson(value: unknown, f: Fixtures): unknown {
  if (typeof value === "string") return fill(value, f);
  if (Array.isArray(value)) return value.map((v) => fillJson(v, f));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, f)]));
  return value;
}

async function send(c: HostileCase): Promise<Response> {
  const path = fill(c.path, fixtures);
  const method = c.method ?? (c.json !== undefined || c.body !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = {};
  if (c.apiKey === "default-scopes") headers.authorization = `Bearer ${narrowKey}`;
  else if (path.startsWith("/api/v1/") && c.apiKey !== "none") Object.assign(headers, keyHeader);
  if (c.session)
    Object.assign(headers, { cookie: session, origin: new URL(app.baseURL).origin, "sec-fetch-site": "same-origin" });
  let body: Uint8Array | undefined;
  if (c.json !== undefined) {
    headers["content-type"] = "application/json";
    body = new Uint8Array(Buffer.from(JSON.stringify(fillJson(c.json, fixtures))));
  } else if (c.body !== undefined) {
    // A Buffer, so fetch adds no Content-Type of its own.
    body = new Uint8Array(typeof c.body === "string" ? Buffer.from(c.body) : c.body);
  }
  Object.assign(headers, c.headers ?? {});
  for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
  if (c.headers && "idempotency-key" in c.headers) headers["idempotency-key"] = c.headers["idempotency-key"]!;
  return fetch(`${app.baseURL}${path}`, { method, headers, body: body as BodyInit | undefined, redirect: "manual" });
}

/** What is wrong with an answer, or null when it is what the corpus expects. */
async function judge(c: HostileCase, res: Response): Promise<{ problem: string | null; text: string }> {
  const text = await res.text();
  const want = c.expect;
  if (res.status !== want.status)
    return { problem: `status ${res.status}, expected ${want.status}: ${text.slice(0, 300)}`, text };
  if (want.code) {
    let body: { error?: unknown; message?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return { problem: `not JSON: ${text.slice(0, 200)}`, text };
    }
    // The app's shape {"error": {code, message, field}}; the sandbox control's {"error": code, "message"}.
    const error = (typeof body.error === "string" ? { code: body.error, message: body.message } : body.error) as
      { code?: string; message?: string; field?: string } | undefined;
    if (error?.code !== want.code) return { problem: `code ${error?.code}, expected ${want.code}`, text };
    if (typeof error.message !== "string" || error.message.length < 10)
      return { problem: `no clear message: ${JSON.stringify(error)}`, text };
    if (want.field !== undefined && error.field !== want.field)
      return { problem: `field ${error.field}, expected ${want.field} (${error.message})`, text };
  }
  if (want.html) {
    if (!/^text\/html/.test(res.headers.get("content-type") ?? ""))
      return { problem: `not an HTML page: ${res.headers.get("content-type")}`, text };
    if (!want.html.test(text))
      return { problem: `the page does not say ${want.html}: ${text.replace(/<[^>]+>/g, " ").slice(0, 300)}`, text };
  }
  return { problem: null, text };
}

test("every hostile request gets a clear 4xx, none a 5xx, and no row is created or changed", async () => {
  test.setTimeout(300_000);
  const cases = CORPUS.flatMap((e) => e.cases.map((c) => ({ endpoint: e.endpoint, c })));
  expect(cases.length).toBeGreaterThanOrEqual(300);
  const names = new Set<string>();
  for (const { endpoint, c } of cases) {
    expect(names.has(`${endpoint} ${c.name}`), `duplicate case name: ${endpoint} ${c.name}`).toBe(false);
    names.add(`${endpoint} ${c.name}`);
  }

  const before = await dbDigest(app.baseURL);
  const started = Date.now();
  const failures: string[] = [];
  const byStatus: Record<string, number> = {};
  const byEndpoint: Record<string, number> = {};
  let fourxx = 0;
  let fivexx = 0;
  let secretsSeen = 0;
  for (const { endpoint, c } of cases) {
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
    const res = await send(c);
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    if (res.status >= 400 && res.status < 500) fourxx++;
    if (res.status >= 500) fivexx++;
    const { problem, text } = await judge(c, res);
    if (Object.values(SECRETS).some((s) => text.includes(s))) {
      secretsSeen++;
      failures.push(`${endpoint} — ${c.name}: the answer contains a secret`);
    }
    if (problem) failures.push(`${endpoint} — ${c.name}: ${problem}`);
  }
  const after = await dbDigest(app.baseURL);
  const changedTables = Object.keys(before).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
  const rowsChanged = changedTables.reduce((n, t) => n + Math.max(1, Math.abs(after[t]!.rows - before[t]!.rows)), 0);

  const summary = {
    command: "npx next build && npx playwright test e2e/reliability/hostile-input.spec.ts",
    cases: cases.length,
    endpoints: byEndpoint,
    byStatus,
    status4xx: fourxx,
    status5xx: fivexx,
    unexpected: failures.length,
    secretsInAnswers: secretsSeen,
    tablesChanged: changedTables,
    rowsCreatedOrChanged: rowsChanged,
    rowsBefore: Object.fromEntries(Object.entries(before).map(([t, d]) => [t, d.rows])),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/reliability-input.json", JSON.stringify({ ...summary, failures }, null, 2) + "\n");
  console.log(
    `hostile input: ${summary.cases} cases, ${summary.status4xx} 4xx, ${summary.status5xx} 5xx, ${summary.unexpected} unexpected, ${summary.rowsCreatedOrChanged} rows created or changed`,
  );

  expect(failures, "answers that are not the expected clear 4xx").toEqual([]);
  expect(fivexx).toBe(0);
  expect(fourxx).toBe(cases.length);
  expect(changedTables, "tables whose rows changed").toEqual([]);

  // The instrument is not blind: polling (bookkeeping only) leaves the digest as it was, and one
  // legitimate change moves it.
  await fetch(`${app.baseURL}/api/checkouts/${fixtures.co}/status`);
  expect(await dbDigest(app.baseURL)).toEqual(after);
  const patched = await fetch(`${app.baseURL}/api/v1/payment-links/${fixtures.link}`, {
    method: "PATCH",
    headers: { ...keyHeader, "content-type": "application/json" },
    body: JSON.stringify({ active: false }),
  });
  expect(patched.status).toBe(200);
  const moved = await dbDigest(app.baseURL);
  expect(moved.payment_links!.rows).toBe(after.payment_links!.rows);
  expect(moved.payment_links!.sha256).not.toBe(after.payment_links!.sha256);
});
