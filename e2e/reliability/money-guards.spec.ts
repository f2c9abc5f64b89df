// The power to move money, attacked (issue 24, first half), against a production server of its own:
// - a key with the default scopes (as left in a shop plugin) cannot refund a paid checkout, rotate
//   and read the webhook secret, or repoint the webhook; the same request with a key that has the
//   scope goes through (so the refusal is the scope, nothing else);
// - "Start again" on an expired checkout whose payment link was turned off, or whose signed link
//   is past its exp, answers 410 like the link itself, and makes no checkout;
// - a refund stuck behind a Bitfinex backlog is abandoned unsent; the merchant's second attempt
//   goes out, and the first never follows it (Bitfinex's record shows one refund);
// - sandbox mode started with `npm start` listens on loopback only (HOSTNAME=0.0.0.0 shows the
//   check can see the difference);
// - with TRUST_PROXY unset, the start log says whose X-Forwarded-For is believed.
// (A made-up X-Forwarded-For from a public peer cannot be staged over loopback: the decision is
// tested with the socket address in lib/net/client-address.test.ts, and the loopback-peer case in
// e2e/reliability/limits.spec.ts.)
// Figures: test-results/reliability-money-guards.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signInCookie } from "./support/fixtures";
import { PORT_BASE, startApp, writeFigures, type AppServer } from "./support/servers";
import { MERCHANT_KEY, Shop } from "./support/shop";

const BTC_MAIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
let app: AppServer;
let shop: Shop;
let cookie: string;
const figures: Record<string, unknown> = {
  command: "npx next build && E2E_PORT=3400 npx playwright test e2e/reliability/money-guards.spec.ts",
};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // BFX_TIMEOUT_MS 8 s: a request held by the sandbox blocks the queue long enough for a backlog.
  app = await startApp({ name: "money-guards", port: PORT_BASE + 36, env: { BFX_TIMEOUT_MS: "8000" } });
  shop = new Shop(app.url);
  const signedIn = await signInCookie(app.url);
  expect(signedIn.cookie).not.toBeNull();
  cookie = signedIn.cookie!;
});

test.afterAll(async () => {
  await app?.dispose();
  writeFigures("money-guards", figures);
});

const dashboard = (path: string, body: unknown, method = "POST") =>
  fetch(`${app.url}${path}`, {
    method,
    headers: { cookie, origin: app.url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const api = (key: string, path: string, body?: unknown, method = body === undefined ? "GET" : "POST") =>
  fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function makeKey(name: string, scopes?: string[]): Promise<string> {
  const res = await dashboard("/api/dashboard/api-keys", { name, ...(scopes && { scopes }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

async function paidCheckout(): Promise<{ id: string; invoiceId: string }> {
  const { id } = await shop.createCheckout();
  await shop.startPayment(id, "BTC");
  const invoiceId = (await shop.merchantView(id)).invoices.find((i) => i.rail === "pay")!.bitfinexId!;
  await shop.control(`invoices/${invoiceId}/pay`, { payCurrency: "BTC" });
  await shop.waitForState(id, "paid", 60_000);
  return { id, invoiceId };
}

const sandboxRefunds = async (invoiceId: string) =>
  ((await shop.sandboxState()).refunds as Array<{ invoiceId: string }>).filter((r) => r.invoiceId === invoiceId);

test("a key without the refund or webhook scope cannot refund, read or rotate the secret, or repoint the webhook", async () => {
  test.setTimeout(120_000);
  const plugin = await makeKey("shop plugin"); // default scopes
  const current = await (await api(plugin, "/api/v1/api-keys/current")).json();
  expect(current.scopes).toEqual(["checkouts:read", "checkouts:write"]);
  const { id, invoiceId } = await paidCheckout();

  const attempts: Array<[string, Response, string]> = [
    [
      "refund",
      await api(plugin, `/api/v1/checkouts/${id}/refunds`, { amount: "0.00001", address: BTC_MAIN }),
      "refunds:write",
    ],
    ["rotate secret", await api(plugin, "/api/v1/webhook-endpoint/rotate-secret", {}), "webhooks:admin"],
    ["read endpoint", await api(plugin, "/api/v1/webhook-endpoint"), "webhooks:admin"],
    [
      "repoint webhook",
      await api(plugin, "/api/v1/webhook-endpoint", { url: "https://attacker.example/h" }, "PUT"),
      "webhooks:admin",
    ],
  ];
  const refused: Record<string, number> = {};
  for (const [what, res, scope] of attempts) {
    const text = await res.text();
    expect(res.status, `${what}: ${text}`).toBe(403);
    expect(JSON.parse(text).error).toMatchObject({ code: "missing_scope", scope });
    expect(text).not.toMatch(/whsec_/);
    refused[what] = res.status;
  }
  // Nothing happened: no refund reached Bitfinex, none was recorded, the endpoint is unchanged.
  expect(await sandboxRefunds(invoiceId)).toHaveLength(0);
  expect((await (await api(MERCHANT_KEY, `/api/v1/checkouts/${id}/refunds`)).json()).data).toHaveLength(0);
  expect((await (await api(MERCHANT_KEY, "/api/v1/webhook-endpoint")).json()).url).toBeNull();

  // The same requests with keys that have the scope go through: the scope was the only obstacle.
  const refunder = await makeKey("refunds", ["checkouts:read", "refunds:write"]);
  const sent = await api(refunder, `/api/v1/checkouts/${id}/refunds`, { amount: "0.00001", address: BTC_MAIN });
  expect(sent.status).toBe(201);
  expect(await sandboxRefunds(invoiceId)).toHaveLength(1);
  // A refunds key still cannot touch the webhook secret.
  expect((await api(refunder, "/api/v1/webhook-endpoint/rotate-secret", {})).status).toBe(403);
  const hooks = await makeKey("webhooks", ["webhooks:admin"]);
  const rotated = await api(hooks, "/api/v1/webhook-endpoint/rotate-secret", {});
  expect(rotated.status).toBe(200);
  expect((await rotated.json()).secret).toMatch(/^whsec_/);
  figures.scopeRefusals = refused;
});

test("Start again on a checkout whose link was turned off or is past its exp answers 410 and makes nothing", async () => {
  test.setTimeout(90_000);
  const link = await (
    await api(MERCHANT_KEY, "/api/v1/payment-links", { name: "Gift", amount: "5.00", currency: "USD" })
  ).json();
  const open = async (url: string) => {
    const res = await fetch(url.replace(/^http:\/\/[^/]+/, app.url), { redirect: "manual" });
    return { status: res.status, checkout: /\/pay\/(co_\w+)/.exec(res.headers.get("location") ?? "")?.[1] };
  };
  const fromLink = await open(`${app.url}/l/${link.id}`);
  expect(fromLink.status).toBe(303);
  expect((await dashboard(`/api/dashboard/checkouts/${fromLink.checkout}/expire`, {})).status).toBe(200);
  expect((await api(MERCHANT_KEY, `/api/v1/payment-links/${link.id}`, { active: false }, "PATCH")).status).toBe(200);
  const count = async () => (await (await api(MERCHANT_KEY, "/api/v1/checkouts?limit=100")).json()).data.length;
  const before = await count();
  const restartOff = await fetch(`${app.url}/api/checkouts/${fromLink.checkout}/restart`, { method: "POST" });
  expect(restartOff.status).toBe(410);
  expect((await restartOff.json()).error.code).toBe("link_disabled");
  // As the link itself answers.
  expect((await open(`${app.url}/l/${link.id}`)).status).toBe(410);

  const exp = Math.floor(Date.now() / 1000) + 3;
  const signed = await (
    await api(MERCHANT_KEY, "/api/v1/signed-links", { amount: "7.00", currency: "USD", orderId: "EXP-1", exp })
  ).json();
  const fromSigned = await open(signed.url);
  expect(fromSigned.status).toBe(303);
  expect((await dashboard(`/api/dashboard/checkouts/${fromSigned.checkout}/expire`, {})).status).toBe(200);
  const afterSigned = await count();
  // The link's exp is a moment on the clock: wait for it to pass.
  await expect.poll(() => Date.now() >= exp * 1000 + 100, { timeout: 10_000, intervals: [250] }).toBe(true);
  const restartExpired = await fetch(`${app.url}/api/checkouts/${fromSigned.checkout}/restart`, { method: "POST" });
  expect(restartExpired.status).toBe(410);
  expect((await restartExpired.json()).error.code).toBe("link_expired");
  expect((await open(signed.url)).status).toBe(410);
  expect(await count()).toBe(afterSigned);
  expect(afterSigned).toBe(before + 1); // only the signed link's own first checkout
  figures.restartOfDeadLinks = { linkTurnedOff: restartOff.status, signedLinkPastExp: restartExpired.status };
});

test("a refund stuck behind a Bitfinex backlog is abandoned unsent, and never follows the one sent after it", async () => {
  test.setTimeout(120_000);
  const refunder = await makeKey("backlog refunds", ["checkouts:read", "refunds:write"]);
  const { id, invoiceId } = await paidCheckout();
  const { id: other } = await shop.createCheckout();
  // Bitfinex holds the next invoice creation for 30 s; the app gives up on it after 8 s. Meanwhile
  // every request behind it in the app's one-at-a-time queue waits.
  await shop.control("faults", {
    mode: "timeout",
    count: 1,
    pathPrefix: "v2/auth/w/ext/pay/invoice/create",
    delayMs: 30_000,
  });
  const blocking = fetch(`${app.url}/api/checkouts/${other}/payment`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ payCurrency: "BTC" }),
  }).then((r) => r.status);
  // The fault is used up once the creation reached the sandbox: the queue is blocked from then on.
  await expect
    .poll(async () => (await shop.sandboxState()).settings.faults.length, { timeout: 20_000, intervals: [100] })
    .toBe(0);
  const asked = Date.now();
  const first = await api(refunder, `/api/v1/checkouts/${id}/refunds`, { amount: "0.00001", address: BTC_MAIN });
  const firstMs = Date.now() - asked;
  const firstBody = await first.json();
  expect(first.status, JSON.stringify(firstBody)).toBe(503);
  expect(firstBody.error.code).toBe("refund_refused");
  expect(firstBody.error.message).toMatch(/Nothing was sent/);
  const listed = (await (await api(refunder, `/api/v1/checkouts/${id}/refunds`)).json()).data;
  expect(listed.map((r: { status: string }) => r.status)).toEqual(["failed"]);

  // The merchant asks again: this one goes out (once the blocked creation has timed out).
  const second = await api(refunder, `/api/v1/checkouts/${id}/refunds`, { amount: "0.00001", address: BTC_MAIN });
  expect(second.status).toBe(201);
  await blocking;
  // Once the app's queue is empty, every request that was waiting has gone or been dropped.
  await expect
    .poll(async () => (await (await fetch(`${app.url}/api/health`)).json()).bitfinex.queued, { timeout: 30_000 })
    .toBe(0);
  const atBitfinex = await sandboxRefunds(invoiceId);
  expect(atBitfinex).toHaveLength(1);
  const statuses = (await (await api(refunder, `/api/v1/checkouts/${id}/refunds`)).json()).data.map(
    (r: { status: string }) => r.status,
  );
  expect(statuses).toEqual(["failed", "sent"]);
  figures.backlogRefund = { abandonedAfterMs: firstMs, refundsAtBitfinex: atBitfinex.length, statuses };
});

test("with TRUST_PROXY unset the start log says X-Forwarded-For is believed only from a loopback or private peer", () => {
  expect(app.output()).toMatch(/TRUST_PROXY unset: X-Forwarded-For is believed \(one proxy\) only from a loopback/);
});

/** Local addresses (hex, as /proc/net/tcp{,6} write them) of sockets listening on `port`. */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== "0A") continue; // 0A: LISTEN
      const [addr, hexPort] = cols[1]!.split(":");
      if (parseInt(hexPort!, 16) === port) found.push(addr!);
    }
  }
  return found;
}
const LOOPBACK = new Set(["0100007F", "00000000000000000000000001000000"]);

async function npmStart(port: number, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), "bfx-rel-bind-"));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  for (const name of ["BFX_API_KEY", "BFX_API_SECRET", "HOSTNAME", "DATABASE_URL", "APP_URL"]) delete base[name];
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) })).status;
        } catch {
          return 0;
        }
      },
      { timeout: 90_000, intervals: [250] },
    )
    .toBe(200);
  const stop = async () => {
    const gone = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGKILL"); // the script and the next it started
    await gone;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { output: () => output, stop };
}

test("sandbox mode started with npm start listens on loopback only; HOSTNAME=0.0.0.0 opens it", async () => {
  test.setTimeout(240_000);
  // Read from the kernel's socket table (listeners()): no traffic leaves loopback to find out.
  const port = PORT_BASE + 37;
  const local = await npmStart(port, {});
  let localListeners: string[];
  try {
    expect(local.output()).toMatch(new RegExp(`listening on 127\\.0\\.0\\.1:${port} \\(sandbox mode default`));
    localListeners = listeners(port);
    expect(localListeners.length).toBeGreaterThan(0);
    for (const a of localListeners) expect(LOOPBACK.has(a), `listening on ${a}`).toBe(true);
  } finally {
    await local.stop();
  }
  // The same check sees a server that listens everywhere.
  const openPort = PORT_BASE + 38;
  const open = await npmStart(openPort, { HOSTNAME: "0.0.0.0" });
  try {
    const openListeners = listeners(openPort);
    expect(openListeners.some((a) => !LOOPBACK.has(a))).toBe(true);
  } finally {
    await open.stop();
  }
  figures.sandboxBind = { listeners: localListeners };
});
