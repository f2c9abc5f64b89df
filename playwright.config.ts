import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// E2E_PORT lets a second checkout of the repo run its own suite at the same time.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const LIVE_PORT = PORT + 1;
// e2e/embed.spec.ts serves a merchant's page from an origin the sandbox app allows to frame its
// checkout (EMBED_ORIGINS below), and the same page from one it does not.
export const EMBED_PORT = PORT + 50;
export const EMBED_BLOCKED_PORT = PORT + 51;
// e2e/mail.spec.ts starts an SMTP server here; the sandbox app sends its e-mail to it.
export const SMTP_PORT = PORT + 55;
// Every run starts with an empty sandbox and database.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "bfx-e2e-"));

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  workers: 1,
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
      name: "chromium",
      use: {
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
      },
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
