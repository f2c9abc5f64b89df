// `npm start` (scripts/start.mjs, the standalone server) checks the configuration before the
// server listens: a bad variable stops it naming the variable, and "Ready" is never printed.
// A merchant webhook on the LAN in live mode needs the explicit, logged WEBHOOK_ALLOW_PRIVATE=1.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 60; // playwright.config.ts lists the suite's ports

/** Starts npm start; with `until`, stops it (SIGTERM) once every pattern has appeared in its output. */
function start(env: Record<string, string>, until: RegExp[] = []) {
  const child = spawn("node", ["scripts/start.mjs"], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(PORT),
      DATA_DIR: mkdtempSync(join(tmpdir(), "bfx-gate-")),
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c));
  child.stderr!.on("data", (c: Buffer) => (out += c));
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    child.on("exit", (code: number | null) => resolve({ code, out }));
    let stopped = false;
    if (until.length)
      child.stdout!.on("data", () => {
        if (!stopped && until.every((p) => p.test(out))) {
          stopped = true;
          child.kill("SIGTERM");
        }
      });
  });
}

// Live mode, with "Bitfinex" on a closed local port: the test never talks to anything but this machine.
const live = {
  BFX_API_KEY: "live-key-0123456789",
  BFX_API_SECRET: "live-secret-0123456789",
  BFX_API_URL: "http://127.0.0.1:9",
  BFX_PUBLIC_API_URL: "http://127.0.0.1:9",
};

test("a bad MERCHANT_WEBHOOK_URL stops npm start before it listens, naming the variable", async () => {
  const { code, out } = await start({ MERCHANT_WEBHOOK_URL: "not a url" });
  expect(code).toBe(1);
  expect(out).toContain("MERCHANT_WEBHOOK_URL");
  expect(out).not.toContain("Ready");
  expect(out).not.toContain("listening on");
});

test("live mode: a webhook receiver on the LAN is refused pointing at WEBHOOK_ALLOW_PRIVATE, and accepted (said in the log) with it", async () => {
  test.setTimeout(60_000);
  const refused = await start({ ...live, MERCHANT_WEBHOOK_URL: "https://192.168.1.20/hooks" });
  expect(refused.code).toBe(1);
  expect(refused.out).toMatch(/MERCHANT_WEBHOOK_URL .*WEBHOOK_ALLOW_PRIVATE=1/);
  expect(refused.out).not.toContain("Ready");
  const allowed = await start(
    { ...live, MERCHANT_WEBHOOK_URL: "https://192.168.1.20/hooks", WEBHOOK_ALLOW_PRIVATE: "1", HOSTNAME: "127.0.0.1" },
    [/Ready/, /WEBHOOK_ALLOW_PRIVATE=1: merchant webhooks/, /Bitfinex's webhook is off/],
  );
  expect(allowed.out).toContain("Ready");
  expect(allowed.out).toContain(
    "WEBHOOK_ALLOW_PRIVATE=1: merchant webhooks may go to this machine or a private network",
  );
  expect(allowed.out).toMatch(
    /APP_URL \(http:\/\/localhost:\d+\) is not a public https:\/\/ address, so Bitfinex's webhook is off/,
  );
  expect(allowed.code).toBe(0);
});
