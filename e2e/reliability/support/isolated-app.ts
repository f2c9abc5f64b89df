// A private app instance for the reliability specs: its own empty database, its own in-memory
// limits, and secrets the test knows (so it can search every answer for them). The shared
// instances of playwright.config.ts carry state from every other spec, and their reconciler may
// legitimately change those checkouts at any moment; here nothing moves unless a request moves it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pollPause } from "./servers";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
/** Ports of the private instances (playwright.config.ts lists the suite's ports). */
export const ISOLATED_PORT = BASE_PORT + 96;
export const ISOLATED_LIVE_PORT = BASE_PORT + 97;

/** Distinctive values, searched for in every file, page and answer (never sent by the tests). */
export const SECRETS = {
  bitfinexSecret: `bfxsecret${randomBytes(18).toString("hex")}`,
  authSecret: `authsecret${randomBytes(18).toString("hex")}`,
  linkSigningSecret: `linksecret${randomBytes(18).toString("hex")}`,
};
export const BITFINEX_KEY = `bfxkey${randomBytes(8).toString("hex")}`;
/** The live instance's merchant API key (the sandbox's default key never works in live mode). */
export const LIVE_MERCHANT_KEY = `sk_live_test_${randomBytes(16).toString("hex")}`;

export interface IsolatedApp {
  baseURL: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await pollPause(250);
  }
  throw new Error(`the app did not answer ${url} within 60 s:\n${output()}`);
}

/** Until /api/health says the go-live round has run (at most 60 s). */
export async function waitForGoLive(healthUrl: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const goLive = (await (await fetch(healthUrl)).json()).goLive;
    if (
      goLive &&
      goLive.permissions.status !== "unknown" &&
      !["unknown", "checking"].includes(goLive.depositAddresses.status)
    )
      return;
    await pollPause(500);
  }
  throw new Error(`the go-live checks did not finish within 60 s (${healthUrl})`);
}

/** `options.env` adds variables (e.g. MERCHANT_WEBHOOK_SECRET); `options.port` for a third instance. */
export async function startIsolatedApp(
  mode: "sandbox" | "live",
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<IsolatedApp> {
  const port = options.port ?? (mode === "sandbox" ? ISOLATED_PORT : ISOLATED_LIVE_PORT);
  const dataDir = mkdtempSync(join(tmpdir(), `bfx-reliability-${mode}-`));
  const sandboxUrl = `http://127.0.0.1:${mode === "sandbox" ? port : ISOLATED_PORT}/sandbox/bitfinex`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: SECRETS.authSecret,
    LINK_SIGNING_SECRET: SECRETS.linkSigningSecret,
    // The sandbox accepts this key and secret; the live instance uses them against it, as if it
    // were api.bitfinex.com.
    BFX_SANDBOX_API_KEY: BITFINEX_KEY,
    BFX_SANDBOX_API_SECRET: SECRETS.bitfinexSecret,
  };
  for (const name of [
    "BFX_API_KEY",
    "BFX_API_SECRET",
    "BFX_API_URL",
    "BFX_PUBLIC_API_URL",
    "MERCHANT_API_KEY",
    "ADMIN_PASSWORD_HASH",
    "DATABASE_URL",
    "EMBED_ORIGINS",
  ])
    delete env[name];
  Object.assign(env, options.env ?? {});
  if (mode === "live")
    Object.assign(env, {
      BFX_API_KEY: BITFINEX_KEY,
      BFX_API_SECRET: SECRETS.bitfinexSecret,
      BFX_API_URL: sandboxUrl,
      BFX_PUBLIC_API_URL: sandboxUrl,
      MERCHANT_API_KEY: LIVE_MERCHANT_KEY,
    });
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  // Kept whole (up to 4 MB): the security spec searches everything the app logged for secrets.
  child.stdout!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4_000_000)));
  child.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4_000_000)));
  const output = () => log;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.once("exit", () => child.kill("SIGKILL"));
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, output);
    // The go-live checks write the deposit addresses they make in the first seconds after start;
    // wait for them to finish, so that from here on nothing moves unless a request moves it.
    if (mode === "sandbox") await waitForGoLive(`http://127.0.0.1:${port}/api/health`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseURL: `http://localhost:${port}`, dataDir, output, stop };
}
