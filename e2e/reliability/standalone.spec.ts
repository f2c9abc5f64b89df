// The deployable build: Next's standalone server copied to a folder of its own (as the Dockerfile and
// the systemd unit do) and started with `node start.mjs` alone, no node_modules of the repository.
// Then a SIGTERM while payments are in flight: every request already accepted is answered, the
// Bitfinex calls in flight finish and are recorded, the process exits 0, and after a restart on the
// same data every checkout and invoice is there.
import { expect, test } from "@playwright/test";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BITFINEX_KEY,
  SECRETS,
  LIVE_MERCHANT_KEY,
  startIsolatedApp,
  waitForGoLive,
  type IsolatedApp,
} from "./support/isolated-app";

// +3: a port of its own (playwright.config.ts lists the suite's ports); this spec runs beside the "app"
// project's specs, so it shares none of theirs.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial", timeout: 180_000 });

let folder: string;
let stand: IsolatedApp;

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startStandalone(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["start.mjs"], {
    cwd: folder,
    // Only what a deployment would set: nothing of the test runner's environment leaks in.
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  process.once("exit", () => child.kill("SIGKILL"));
  return { child, output: () => log, exited };
}

/** The local addresses of the sockets listening on `port`, from /proc/net/tcp and tcp6 (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [hexAddress = "", p] = local.split(":");
      if (p !== hexPort) continue;
      // IPv4 is one little-endian word; anything longer is IPv6, shown as it is (all zeros = any).
      found.push(
        hexAddress.length === 8
          ? (hexAddress.match(/../g) ?? [])
              .reverse()
              .map((b) => parseInt(b, 16))
              .join(".")
          : `[${hexAddress}]`,
      );
    }
  }
  return found;
}

async function untilHealthy(app: Running) {
  await expect
    .poll(
      async () => {
        if (app.child.exitCode !== null) throw new Error(`the standalone server exited:\n${app.output()}`);
        return fetch(`${BASE}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 60_000, intervals: [250], message: `the standalone server's health, after:\n${app.output()}` },
    )
    .toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  folder = join(mkdtempSync(join(tmpdir(), "bfx-standalone-")), "app");
  execFileSync(process.execPath, ["scripts/prepare-standalone.mjs", "--to", folder], { stdio: "pipe" });
  stand = await startIsolatedApp("sandbox");
});

test.afterAll(async () => {
  await stand?.stop();
});

test("the standalone folder serves the app on its own, and the sandbox listens on loopback only", async () => {
  const app = startStandalone({ DATA_DIR: mkdtempSync(join(tmpdir(), "bfx-standalone-data-")) });
  try {
    await untilHealthy(app);
    const home = await fetch(`${BASE}/`);
    expect(home.status).toBe(200);
    // The browser assets were copied beside the server: the page's own stylesheet loads.
    const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await home.text())?.[1];
    expect(css, "the home page links a stylesheet").toBeTruthy();
    expect((await fetch(`${BASE}${css}`)).status).toBe(200);
    // The migrations were traced into the build: the database works.
    const created = await fetch(`${BASE}/api/v1/checkouts`, {
      method: "POST",
      headers: { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl", "content-type": "application/json" },
      body: JSON.stringify({ amount: "12.50", currency: "USD", orderId: "standalone-1" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${BASE}/pay/${id}`)).status).toBe(200);
    // HOSTNAME unset in sandbox mode: the listening socket is bound to 127.0.0.1 alone (read from
    // the kernel's table of sockets, so no traffic leaves loopback to find out).
    expect(listeningAddresses(PORT)).toEqual(["127.0.0.1"]);
  } finally {
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  }
  expect(app.output()).toContain("shutdown: database closed");
});

test("SIGTERM while payments are in flight: every accepted request is answered and nothing is lost", async () => {
  const standUrl = `http://127.0.0.1:${new URL(stand.baseURL).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "bfx-standalone-live-"));
  const env = {
    DATA_DIR: dataDir,
    APP_URL: `http://localhost:${PORT}`,
    HOSTNAME: "127.0.0.1",
    BFX_API_KEY: BITFINEX_KEY,
    BFX_API_SECRET: SECRETS.bitfinexSecret,
    BFX_API_URL: `${standUrl}/sandbox/bitfinex`,
    BFX_PUBLIC_API_URL: `${standUrl}/sandbox/bitfinex`,
    MERCHANT_API_KEY: LIVE_MERCHANT_KEY,
    NEXTAUTH_SECRET: SECRETS.authSecret,
    LINK_SIGNING_SECRET: SECRETS.linkSigningSecret,
  };
  const merchant = { authorization: `Bearer ${LIVE_MERCHANT_KEY}`, "content-type": "application/json" };
  let app = startStandalone(env);
  await untilHealthy(app);
  // Live mode offers a currency once its deposit address exists (the go-live round makes them).
  await waitForGoLive(`${BASE}/api/health`);

  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${BASE}/api/v1/checkouts`, {
      method: "POST",
      headers: merchant,
      body: JSON.stringify({ amount: "20.00", currency: "USD", orderId: `sigterm-${i}-${Date.now()}` }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  // Bitfinex answers each invoice create 1.5 s late (the work is done at once): three payment
  // starts, one Bitfinex request at a time, keep the server busy for about 4.5 s.
  const fault = await fetch(`${standUrl}/sandbox/control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mode: "timeout", count: 3, pathPrefix: "v2/auth/w/ext/pay/invoice/create", delayMs: 1_500 }),
  });
  expect(fault.status).toBe(200);
  const invoicesAtStand = async () =>
    ((await (await fetch(`${standUrl}/sandbox/control/state`)).json()) as { payInvoices: { orderId: string }[] })
      .payInvoices.length;
  const before = await invoicesAtStand();

  const starts = ids.map((id) =>
    fetch(`${BASE}/api/checkouts/${id}/payment`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // ETH: the stand-in's bitcoin addresses are regtest ones, which live mode rightly refuses to show.
      body: JSON.stringify({ payCurrency: "ETH" }),
    }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: Error) => ({ status: 0, body: String(e.cause ?? e) }),
    ),
  );
  // The first Bitfinex call has arrived (its answer is being held back): requests are in flight.
  await expect.poll(invoicesAtStand, { timeout: 15_000, intervals: [50] }).toBeGreaterThan(before);
  app.child.kill("SIGTERM");

  const answers = await Promise.all(starts);
  for (const a of answers) expect(a.status, a.body).toBe(200);
  expect(await app.exited, app.output()).toBe(0);
  expect(app.output()).toContain("shutdown: database closed");
  // Gone: a new connection is refused.
  expect(
    await fetch(`${BASE}/api/health`).then(
      () => "answered",
      () => "refused",
    ),
  ).toBe("refused");

  // Restarted on the same data: every checkout has the invoice Bitfinex made for it.
  app = startStandalone(env);
  try {
    await untilHealthy(app);
    for (const id of ids) {
      const res = await fetch(`${BASE}/api/v1/checkouts/${id}`, { headers: merchant });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { payment?: { payCurrency?: string } | null };
      expect(body.payment?.payCurrency, JSON.stringify(body)).toBe("ETH");
    }
    expect(await invoicesAtStand()).toBe(before + 3);
  } finally {
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  }
});
