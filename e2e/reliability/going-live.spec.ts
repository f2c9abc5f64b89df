// Going live from the README alone: the "Going live" checklist of README.md is read from the file
// (its commands and its environment block), filled in as it says, and the standalone build is
// started in live mode with exactly those variables, against a Bitfinex double made only of
// Bitfinex's own documents (test/support/seed-double.ts). The double starts as a real account
// often does: the key's fixture has `settings` off, and Lightning's deposit address cannot be
// made. Each step the README gives then turns one named check green on the health page and in
// GET /api/health, and the overall status reads "ok" only after the last one.
// A README that leaves out a variable, a command or a step this needs fails the test.
import { expect, test, type Page } from "@playwright/test";
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSeedDouble, type SeedDouble } from "../../test/support/seed-double";
import { expectAccessible } from "../support/checkout";
import { confirmInPage } from "../support/dashboard";
import { Authenticator } from "../support/totp";
import { copyStandalone, startStandalone, type Standalone } from "./support/standalone";
import { PORT_BASE, startReceiver, waitFor, type Receiver } from "./support/servers";

const PORT = PORT_BASE + 47;
const PASSWORD = "correct horse battery staple";
const README = readFileSync("README.md", "utf8");

test.describe.configure({ mode: "serial", timeout: 240_000 });

/** The README's "Going live" section, up to the next second-level heading. */
function goingLive(): string {
  const start = README.indexOf("\n## Going live\n");
  expect(start, "README.md has a 'Going live' section").toBeGreaterThan(0);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The section's ```sh blocks: the one with commands (hash-password), the one with the variables. */
function checklist() {
  const blocks = [...goingLive().matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ""));
  const commands = blocks.find((b) => b.includes("hash-password"));
  const environment = blocks.find((b) => /^BFX_API_KEY=/m.test(b));
  expect(commands, "Going live gives the commands that make the secrets").toBeTruthy();
  expect(environment, "Going live gives an environment block").toBeTruthy();
  /** The command on the line whose text (command or comment) matches `what`. */
  const command = (what: RegExp) => {
    const line = commands!.split("\n").find((l) => what.test(l));
    expect(line, `Going live says how to make ${what}`).toBeTruthy();
    return line!.replace(/\s+#.*$/, "").trim();
  };
  // Each variable line, and whether the README calls it optional (commented out, or under "# Optional").
  const variables: Array<{ name: string; value: string; optional: boolean }> = [];
  let optionalNext = false;
  for (const line of environment!.split("\n")) {
    const v = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (v) {
      variables.push({ name: v[2]!, value: v[3]!, optional: Boolean(v[1]) || optionalNext });
      optionalNext = false;
    } else if (line.trim().startsWith("#")) optionalNext = /optional/i.test(line);
  }
  return { hashPassword: command(/hash-password/), authSecret: command(/NEXTAUTH_SECRET/), variables };
}

let double: SeedDouble;
let receiver: Receiver;
let folder: string;
let app: Standalone | null = null;
let envFile: string;
let dataDir: string;
const secrets = { hash: "", authSecret: "" };

/**
 * The environment file as the README says to write it: its block, with the required lines filled
 * in and the optional ones left out unless `optional` gives them a value.
 */
function writeEnvironment(optional: Record<string, string>) {
  const lines: string[] = [];
  for (const v of checklist().variables) {
    if (v.optional) {
      if (v.name in optional) lines.push(`${v.name}=${optional[v.name]}`);
      continue;
    }
    const fill: Record<string, () => string> = {
      BFX_API_KEY: () => "documents-key",
      BFX_API_SECRET: () => "documents-secret",
      // No TLS here: the README says an http:// APP_URL works, with Bitfinex's webhook off.
      APP_URL: () => `http://127.0.0.1:${PORT}`,
      MERCHANT_NAME: () => v.value, // the README's own example
      // "The whole line npm run hash-password printed", in the quotes the README shows.
      ADMIN_PASSWORD_HASH: () => v.value.replace(/^(['"]?).*\1$/, (_, q: string) => `${q}${secrets.hash}${q}`),
      NEXTAUTH_SECRET: () => secrets.authSecret,
    };
    expect(Object.keys(fill), `the README's block asks for ${v.name}; the test does not know how to fill it`).toContain(
      v.name,
    );
    lines.push(`${v.name}=${fill[v.name]!()}`);
  }
  writeFileSync(envFile, lines.join("\n") + "\n");
}

/** The variables set beside the file: each named by the README (Going live or the configuration table). */
const BESIDE_THE_FILE = () => ({
  // A Bitfinex stand-in instead of api.bitfinex.com, as Going live says for a rehearsal.
  BFX_API_URL: double.url,
  BFX_PUBLIC_API_URL: double.url,
  PORT: String(PORT),
  HOSTNAME: "127.0.0.1",
  DATA_DIR: dataDir,
});

/** Starts the standalone folder the way a systemd unit with EnvironmentFile= does: the file, read by a shell. */
async function start() {
  app = await startStandalone({
    folder,
    port: PORT,
    env: BESIDE_THE_FILE(),
    command: ["sh", "-c", 'set -a && . "$0" && set +a && exec node start.mjs', envFile],
  });
}

async function publicHealth() {
  return (await fetch(`${app!.url}/api/health`)).json() as Promise<{
    status: string;
    problems: string[];
    warnings: string[];
    mode: string;
    rails: { pay: { available: boolean }; lightning: { available: boolean } };
    goLive: {
      permissions: { status: string; missing: string[] };
      depositAddresses: { status: string; missing: Array<{ payCurrency: string }>; pending: string[] };
    } | null;
  }>;
}

/** Until the go-live round has looked at every offered currency (the first one makes 5 addresses, 7 s apart). */
async function checksDone() {
  return waitFor(
    "the go-live checks",
    async () => {
      const h = await publicHealth();
      const g = h.goLive;
      return g && g.permissions.status !== "unknown" && !["unknown", "checking"].includes(g.depositAddresses.status)
        ? h
        : null;
    },
    90_000,
    500,
  );
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const row = (page: Page, name: string) =>
  page.getByTestId("health").locator("dt", { hasText: name }).locator("xpath=following-sibling::dd[1]");

test.beforeAll(async () => {
  test.setTimeout(240_000);
  double = await startSeedDouble("documents-key", "documents-secret");
  double.refusedMethods.add("LNX");
  receiver = await startReceiver(PORT_BASE + 48);
  folder = copyStandalone();
  const work = mkdtempSync(join(tmpdir(), "bfx-going-live-"));
  envFile = join(work, "bitfinex-checkout.env");
  dataDir = join(work, "data");
  // The two secrets, made with the README's own commands.
  const { hashPassword, authSecret } = checklist();
  secrets.hash = execSync(hashPassword, { input: `${PASSWORD}\n`, encoding: "utf8" }).trim();
  secrets.authSecret = execSync(authSecret, { encoding: "utf8" }).trim();
  expect(secrets.hash).toMatch(/^scrypt\$/);
  expect(secrets.authSecret.length).toBeGreaterThanOrEqual(32);
});

test.afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  await double?.close();
});

test("the README's checklist names every variable it needs, and only variables the README documents are set", () => {
  const { variables } = checklist();
  const required = variables.filter((v) => !v.optional).map((v) => v.name);
  // What issue 28 found missing from Going live: without them no one signs in, sessions end at
  // every restart, and customers read "Paid to: Checkout".
  expect(required).toEqual(expect.arrayContaining(["ADMIN_PASSWORD_HASH", "NEXTAUTH_SECRET", "MERCHANT_NAME"]));
  expect(variables.find((v) => v.name === "MERCHANT_WEBHOOK_URL")?.optional).toBe(true);
  const section = goingLive();
  expect(variables.find((v) => v.name === "WEBHOOK_ALLOW_PRIVATE")?.optional).toBe(true);
  for (const name of ["BFX_API_URL", "BFX_PUBLIC_API_URL"])
    expect(section, `Going live names ${name}`).toMatch(new RegExp(`\`${name}[\`=]`));
  for (const name of Object.keys(BESIDE_THE_FILE()))
    expect(README, `the configuration table documents ${name}`).toContain(`| \`${name}\``);
});

test("degraded, naming each failing check, until every check passes; then ok", async ({ page }) => {
  writeEnvironment({});
  await start();
  let h = await checksDone();
  expect(h.mode).toBe("live");
  expect(h.status).toBe("degraded");
  expect(h.problems).toEqual(["key_permissions", "deposit_addresses"]);
  expect(h.goLive!.permissions.missing).toEqual(["settings:read", "settings:write"]);
  expect(h.goLive!.depositAddresses.missing.map((m) => m.payCurrency)).toEqual(["LNX"]);
  expect(h.rails.lightning.available).toBe(false);
  expect(h.warnings).toEqual(expect.arrayContaining(["bitfinex_webhook_off", "webhook_url_missing"]));

  // Step 5: sign in with ADMIN_USERNAME (default admin) and the password, open Health.
  await page.goto(`${app!.url}/dashboard/health`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard/health");
  await expect(heading(page)).toHaveText("Health: degraded");
  const problems = page.getByTestId("health-problems");
  await expect(problems).toContainText("lacks settings:read, settings:write");
  await expect(problems).toContainText("No deposit address for LNX");
  await expect(row(page, "Mode")).toHaveText(`Live (${new URL(double.url).host})`);
  await expect(row(page, "Lightning (LNX)")).toContainText("not available: no LNX deposit address");
  await expect(row(page, "Deposit addresses")).toContainText("missing for LNX");
  await expect(row(page, "Notifications")).toHaveText("no webhook URL set (events wait)");
  await expectAccessible(page, "health, degraded");
  await page.screenshot({ path: "test-results/going-live-degraded-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/going-live-degraded-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // "Check again" in live mode needs a second factor, as the README says: set one up on Account.
  await page.goto(`${app!.url}/dashboard/account`);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const authenticator = new Authenticator((await page.getByTestId("totp-secret").textContent())!.trim());
  await page.getByLabel("Code from the app").fill(authenticator.next());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);

  // Step 6 first: the shop's webhook. MERCHANT_WEBHOOK_URL in the file; the receiver is on this
  // machine, so WEBHOOK_ALLOW_PRIVATE=1 as the README says. A restart reads the file again.
  expect(await app!.stop(), app!.output()).toBe(0);
  writeEnvironment({ MERCHANT_WEBHOOK_URL: receiver.url, WEBHOOK_ALLOW_PRIVATE: "1" });
  await start();
  h = await checksDone();
  expect(h.warnings).not.toContain("webhook_url_missing");
  expect(h.problems).toEqual(["key_permissions", "deposit_addresses"]); // the webhook is not what holds it back
  await page.goto(`${app!.url}/dashboard/webhooks`);
  await page.getByRole("button", { name: "Send a test event" }).click();
  await confirmInPage(page, "Send a test event");
  await waitFor("the test event", async () => receiver.deliveries.some((d) => d.type === "test.ping"), 20_000);

  // Step 2: the key gets Account Info (settings read and write) at bitfinex.com; "Check again".
  double.grantedScopes.add("settings");
  await page.goto(`${app!.url}/dashboard/health`);
  await page.getByRole("button", { name: "Check the key and deposit addresses again" }).click();
  await expect(row(page, "API key permissions")).toHaveText("settings, account and orders: read and write");
  await expect(heading(page)).toHaveText("Health: degraded");
  await expect(problems).not.toContainText("lacks");
  h = await publicHealth();
  expect(h.status).toBe("degraded");
  expect(h.problems).toEqual(["deposit_addresses"]);

  // The last one: Bitfinex now makes the LNX deposit address; "Check again" and the page is ok.
  double.refusedMethods.delete("LNX");
  await page.getByRole("button", { name: "Check the key and deposit addresses again" }).click();
  await expect(heading(page)).toHaveText("Health: ok");
  await expect(problems).toHaveCount(0);
  await expect(row(page, "Deposit addresses")).not.toContainText("missing");
  await expect(row(page, "Lightning (LNX)")).not.toContainText("no LNX deposit address");
  h = await publicHealth();
  expect(h.status).toBe("ok");
  expect(h.problems).toEqual([]);
  expect(h.goLive!.depositAddresses.missing).toEqual([]);
  // Said, not a problem: APP_URL is http:// here, so Bitfinex's webhook stays off.
  expect(h.warnings).toEqual(["bitfinex_webhook_off"]);
  await expectAccessible(page, "health, ok");
  await page.screenshot({ path: "test-results/going-live-ok-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/going-live-ok-phone.png", fullPage: true });

  expect(await app!.stop(), app!.output()).toBe(0);
  app = null;
});
