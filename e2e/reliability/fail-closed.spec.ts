// No fail-open configuration: a setting that would quietly turn on sandbox mode (a set-but-empty
// Bitfinex key or secret), quietly stop checking who signs in (the old GitHub login list) or send
// notifications to a private address (a NAT64 form of 169.254.169.254), or let any site frame the
// checkout (a wildcard or a ; in EMBED_ORIGINS) stops the production
// server at start, with a message naming the variable, before it serves anything.
// Figures: test-results/reliability-fail-closed.json (docs/RELIABILITY.md).
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PORT_BASE, pollPause, writeFigures } from "./support/servers";

const PORT = PORT_BASE + 20;

/** Runs `next start` with `env` and resolves with its exit code and output once it exits (or null after 60 s). */
async function startExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; answered: boolean; ms: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "bfx-rel-failclosed-"));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(PORT),
    DATA_DIR: dataDir,
    APP_URL: `http://127.0.0.1:${PORT}`,
  };
  for (const name of [
    "BFX_API_KEY",
    "BFX_API_SECRET",
    "GITHUB_ID",
    "GITHUB_SECRET",
    "GITHUB_ALLOWED_USERS",
    "GITHUB_ALLOWED_USER_IDS",
    "DATABASE_URL",
    "EMBED_ORIGINS",
  ])
    delete base[name];
  const started = Date.now();
  const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // Meanwhile, knock: a server that started anyway must not have served a page.
  let answered = false;
  const knock = (async () => {
    while (child.exitCode === null && child.signalCode === null && Date.now() - started < 60_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status < 500) answered = true;
      } catch {
        /* not listening */
      }
      await pollPause(200);
    }
  })();
  const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
  if (code === null && child.exitCode === null) child.kill("SIGKILL");
  await knock;
  rmSync(dataDir, { recursive: true, force: true });
  return { code, output, answered, ms: Date.now() - started };
}

test("a set-but-empty Bitfinex key or secret, the old GitHub login list or a private webhook address stops the server naming the variable", async () => {
  test.setTimeout(300_000);
  const cases: Array<{ env: Record<string, string>; names: string; says: RegExp }> = [
    { env: { BFX_API_KEY: "" }, names: "BFX_API_KEY", says: /BFX_API_KEY is set but empty/ },
    { env: { BFX_API_KEY: "", BFX_API_SECRET: "" }, names: "BFX_API_SECRET", says: /BFX_API_SECRET is set but empty/ },
    {
      env: { BFX_API_KEY: "a-real-looking-key", BFX_API_SECRET: "  " },
      names: "BFX_API_SECRET",
      says: /BFX_API_SECRET is set but empty/,
    },
    // A guessable webhook signing secret lets anyone forge "checkout.paid" to the merchant.
    {
      env: { MERCHANT_WEBHOOK_SECRET: "too-short-to-be-safe" },
      names: "MERCHANT_WEBHOOK_SECRET",
      says: /MERCHANT_WEBHOOK_SECRET must be at least 32 characters/,
    },
    {
      env: { GITHUB_ID: "id", GITHUB_SECRET: "secret", GITHUB_ALLOWED_USERS: "octocat" },
      names: "GITHUB_ALLOWED_USERS",
      says: /GITHUB_ALLOWED_USERS is no longer read.*GITHUB_ALLOWED_USER_IDS/,
    },
    // Live mode: the cloud metadata address written as NAT64 is not a webhook destination.
    {
      env: {
        BFX_API_KEY: "a-real-looking-key",
        BFX_API_SECRET: "a-real-looking-secret",
        MERCHANT_WEBHOOK_URL: "https://[64:ff9b::a9fe:a9fe]/hook",
      },
      names: "MERCHANT_WEBHOOK_URL",
      says: /MERCHANT_WEBHOOK_URL must be a public internet address/,
    },
    // Embed origins go into the CSP header verbatim: a wildcard lets any site frame the checkout,
    // a ; would start a directive of the caller's choosing.
    { env: { EMBED_ORIGINS: "*" }, names: "EMBED_ORIGINS", says: /EMBED_ORIGINS "\*" must not contain a wildcard/ },
    {
      env: { EMBED_ORIGINS: "https://shop.example,https://*.shop.example" },
      names: "EMBED_ORIGINS",
      says: /EMBED_ORIGINS "https:\/\/\*\.shop\.example" must not contain a wildcard/,
    },
    {
      env: { EMBED_ORIGINS: "https://shop.example;script-src" },
      names: "EMBED_ORIGINS",
      says: /EMBED_ORIGINS .* must not contain ;/,
    },
  ];
  const results: Array<{ env: string; exitCode: number | null; ms: number }> = [];
  for (const c of cases) {
    const run = await startExpectingExit(c.env);
    results.push({ env: JSON.stringify(c.env), exitCode: run.code, ms: run.ms });
    expect(run.code, `${JSON.stringify(c.env)} exits:\n${run.output}`).toBe(1);
    expect(run.output, JSON.stringify(c.env)).toMatch(c.says);
    expect(run.output).toContain(c.names);
    expect(run.answered, `${JSON.stringify(c.env)}: no request was served`).toBe(false);
    // Never a word of sandbox mode having started.
    expect(run.output).not.toMatch(/sandbox mode, Bitfinex at/);
  }
  writeFigures("fail-closed", {
    command: "npx next build && npx playwright test e2e/reliability/fail-closed.spec.ts",
    refusedStarts: results,
  });
});
