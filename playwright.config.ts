import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// E2E_PORT lets a second checkout of the repo run its own suite at the same time: every port the
// suite uses is E2E_PORT + 0 … 99 (+59 is left out: E2E_PORT=3600 would give 3659, a port browsers refuse).
//   +0, +1 the servers below; +2 modes.spec; +3 standalone.spec; +10 … +56 reliability/support/servers.ts;
//   +60 config-gate.spec; +90, +91 embed pages; +95 SMTP and greenfield.spec's receiver;
//   +96, +97 reliability/support/isolated-app.ts; +98 webhook-config.spec.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const LIVE_PORT = PORT + 1;
// e2e/embed.spec.ts serves a merchant's page from an origin the sandbox app allows to frame its
// checkout (EMBED_ORIGINS below), and the same page from one it does not.
export const EMBED_PORT = PORT + 90;
export const EMBED_BLOCKED_PORT = PORT + 91;
// e2e/modes.spec.ts starts an app with half a configuration here (it must stop at once).
export const HALF_CONFIG_PORT = PORT + 2;
// e2e/mail.spec.ts starts an SMTP server here; the sandbox app sends its e-mail to it.
export const SMTP_PORT = PORT + 95;
// Every run starts with an empty sandbox and database.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "bfx-e2e-"));

// The reliability specs that wait longest (rate limits, reconciler turns, instance restarts), run in a
// lane of their own; they share no port with the other reliability specs.
const SLOW_RELIABILITY = [
  "**/reliability/upstream-faults.spec.ts",
  "**/reliability/two-instances.spec.ts",
  "**/reliability/webhooks.spec.ts",
];

const chromium = {
  ...devices["Desktop Chrome"],
  // Debian's Chromium; Playwright never downloads a browser here.
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  // Three workers: the three projects below run side by side, each one spec at a time.
  workers: 3,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      // The specs that share the one app server below (and its sandbox): one at a time, since several
      // assert counts of the whole app (metrics, webhooks delivered, health, the sandbox's calls).
      name: "app",
      testIgnore: "reliability/**",
      workers: 1,
      use: chromium,
    },
    {
      // Each reliability spec starts its own servers, on ports of its own (clear of the app project's),
      // so it runs beside the app project; one at a time, as some share ports (isolated-app.ts, servers.ts).
      name: "reliability",
      testMatch: "reliability/**/*.spec.ts",
      testIgnore: SLOW_RELIABILITY,
      workers: 1,
      use: chromium,
    },
    {
      // The long reliability specs, in a lane of their own beside the others (they share no port with
      // them): 40 checkouts through Bitfinex's rate limits and faults take minutes of waiting, not of
      // CPU; in the one reliability lane they made it 21 minutes long, against the app lane's 9.
      name: "reliability-long",
      testMatch: SLOW_RELIABILITY,
      workers: 1,
      use: chromium,
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(PORT),
        DATA_DIR: dataDir,
        APP_URL: `http://localhost:${PORT}`,
        // The payment page with a merchant's own logo and colour (checked by the tests).
        MERCHANT_LOGO_URL: "/demo/logo.svg",
        BRAND_COLOR: "#3b5bdb",
        EMBED_ORIGINS: `http://127.0.0.1:${EMBED_PORT}`,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "Mug Co <checkout@mug.example>",
      },
    },
    {
      // A second instance in live mode, pointed at the first one's sandbox as if it were
      // api.bitfinex.com: proves the live code path signs like Bitfinex and serves no sandbox routes.
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${LIVE_PORT}`,
      url: `http://127.0.0.1:${LIVE_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(LIVE_PORT),
        DATA_DIR: `${dataDir}-live`,
        APP_URL: `http://localhost:${LIVE_PORT}`,
        BFX_API_KEY: "sandbox-api-key",
        BFX_API_SECRET: "sandbox-api-secret",
        BFX_API_URL: `http://127.0.0.1:${PORT}/sandbox/bitfinex`,
        BFX_PUBLIC_API_URL: `http://127.0.0.1:${PORT}/sandbox/bitfinex`,
      },
    },
  ],
});
