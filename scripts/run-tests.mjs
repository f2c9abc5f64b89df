#!/usr/bin/env node
// Runs the whole test suite and ends with one line "N passed, N failed" (what CI counts); the line
// before it says how many tests were skipped, and why (e.g. PostgreSQL tests without TEST_DATABASE_URL).
//   node scripts/run-tests.mjs          unit + integration (node:test) and end-to-end (Playwright)
//   node scripts/run-tests.mjs --unit   only node:test files (*.test.ts under lib/, components/, app/)
//   node scripts/run-tests.mjs --e2e    only Playwright (builds the app first unless SKIP_BUILD=1)
// Unit test files run 4 at a time (TEST_CONCURRENCY to change it): each file is its own process with
// its own PGlite, sandbox and ports, and its own database on the test PostgreSQL (test/support/).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const args = new Set(process.argv.slice(2));
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");
const totals = { passed: 0, failed: 0, skipped: 0 };
const skipReasons = new Map();

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "node_modules" && !name.startsWith(".")) findTests(path, out);
    } else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Runs a command, mirroring its output, and resolves with { code, output }. */
function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

if (runUnit) {
  // Listed explicitly: node 20 does not expand globs, and an empty list would pass silently.
  const files = ["lib", "components", "app", "bench", "test"].flatMap((d) => findTests(d));
  if (files.length === 0) {
    console.error("No unit test files found");
    totals.failed += 1;
  } else {
    const { code, output } = await run(process.execPath, [
      "--conditions=react-server",
      "--import",
      "tsx",
      "--test",
      `--test-concurrency=${process.env.TEST_CONCURRENCY || 4}`,
      "--test-reporter=spec",
      ...files,
    ]);
    const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
    totals.passed += count("pass");
    totals.failed += count("fail") + count("cancelled");
    totals.skipped += count("skipped");
    for (const [, reason] of output.matchAll(/^\s*﹣ .* # (.+)$/gm))
      skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
    if (code !== 0 && count("fail") + count("cancelled") === 0) totals.failed += 1; // crashed before reporting
  }
}

if (runE2e) {
  let ok = true;
  if (process.env.SKIP_BUILD !== "1") {
    // What `npm run build` does: Next's build, then the standalone folder completed (the specs start it).
    const next = await run("node_modules/.bin/next", ["build"]);
    const build = next.code === 0 ? await run(process.execPath, ["scripts/prepare-standalone.mjs"]) : next;
    if (build.code !== 0) {
      console.error("next build failed");
      totals.failed += 1;
      ok = false;
    }
  }
  if (ok) {
    const report = "test-results/e2e-report.json";
    const { code } = await run("node_modules/.bin/playwright", ["test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    });
    if (existsSync(report)) {
      const stats = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
      totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      totals.failed += stats.unexpected ?? 0;
      totals.skipped += stats.skipped ?? 0;
      if (code !== 0 && !stats.unexpected) totals.failed += 1;
    } else {
      totals.failed += 1;
    }
  }
}

const why = [...skipReasons].map(([reason, n]) => `${n} ${reason}`).join("; ");
console.log(`\n${totals.skipped} skipped${why ? ` (${why})` : ""}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
