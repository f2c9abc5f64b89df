import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { HALF_CONFIG_PORT, LIVE_PORT } from "../playwright.config";

const live = `http://127.0.0.1:${LIVE_PORT}`;

test("in live mode there is no sandbox: its routes answer 404 and no banner is shown", async ({ page, request }) => {
  expect((await request.post(`${live}/sandbox/bitfinex/v2/auth/r/ext/pay/currency/list`, { data: {} })).status()).toBe(
    404,
  );
  expect((await request.get(`${live}/sandbox/control/state`)).status()).toBe(404);
  expect((await request.get(`${live}/sandbox/bench/co_aaaaaaaaaaaaaaaaaaaaaaaaaa`)).status()).toBe(404);
  await page.goto(live);
  await expect(page.getByRole("heading", { name: "Mode: live" })).toBeVisible();
  await expect(page.getByText("no real funds move")).toHaveCount(0);
});

test("a live-mode app signs its requests the way Bitfinex checks them (against the sandbox as Bitfinex)", async ({
  request,
}) => {
  const body = await (await request.get(`${live}/api/health?fresh=1`)).json();
  expect(body.mode).toBe("live");
  expect(body.rails.pay.available).toBe(true);
  expect(body.rails.lightning.available).toBe(true);
});

test("a half configuration stops the app at start, naming the missing variable", async () => {
  const port = String(HALF_CONFIG_PORT);
  const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", port], {
    env: { ...process.env, PORT: port, BFX_API_KEY: "only-the-key", BFX_API_SECRET: "" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 20_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain("BFX_API_SECRET");
});

test("the benchmark's bare route is off unless the benchmark switches it on (BENCH_BARE_ROUTE=1)", async ({
  request,
}) => {
  // This sandbox-mode server runs without BENCH_BARE_ROUTE, as any sandbox someone tries out does.
  expect((await request.get("/sandbox/bench/co_aaaaaaaaaaaaaaaaaaaaaaaaaa")).status()).toBe(404);
});
