/**
 * Builds the payment page's browser assets into public/checkout/: pay.js (components/checkout/
 * browser/main.ts bundled and minified by esbuild) and pay.css (Tailwind over components/checkout
 * only). The payment page is served without the React runtime to stay light on a phone (see
 * docs/BENCHMARKS.md, "payment page weight"), so it needs its own small bundle.
 *
 * Called from next.config.ts for `next build` and `next dev` (in dev it rebuilds on change), so
 * every way of building the app produces them. Also runnable alone: node scripts/checkout-assets.mjs
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import tailwind from "@tailwindcss/postcss";
import * as esbuild from "esbuild";
import postcss from "postcss";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "public", "checkout");
const cssSource = join(root, "components", "checkout", "pay.css");

/** Write through a temporary file, so a server never reads half a file. */
async function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
}

async function buildCss() {
  const result = await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(await readFile(cssSource, "utf8"), { from: cssSource });
  await writeAtomic(join(outDir, "pay.css"), result.css);
}

/** The esbuild options, exported for the test that checks the bundle stays free of server code. */
export const scriptOptions = {
  entryPoints: [join(root, "components", "checkout", "browser", "main.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome100", "safari15", "firefox100"],
  legalComments: "none",
  tsconfig: join(root, "tsconfig.json"),
  write: false,
  logLevel: "silent",
};

async function writeScript(result) {
  const file = result.outputFiles?.[0];
  if (file) await writeAtomic(join(outDir, "pay.js"), file.contents);
}

/**
 * Builds both files. `watch` (next dev): then keeps rebuilding them when a source changes, in a
 * child process that lives exactly as long as the process that asked: it does not hold that
 * process open, and it exits when its stdin closes, which is when its parent is gone. (Next.js
 * also loads next.config.ts in short-lived helpers, such as its telemetry flush after `next dev`
 * ends; a watcher in-process kept those running for good.)
 */
export async function buildCheckoutAssets({ watch = false } = {}) {
  await mkdir(outDir, { recursive: true });
  await writeScript(await esbuild.build(scriptOptions));
  await buildCss();
  if (watch) {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--watch"], { stdio: ["pipe", "inherit", "inherit"] });
    child.unref();
    child.stdin.unref();
  }
}

async function watchUntilParentExits() {
  const rebuild = {
    name: "checkout-assets",
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length) return console.error("[checkout assets]", result.errors.map((e) => e.text).join("\n"));
        await writeScript(result);
        await buildCss().catch((e) => console.error("[checkout assets] css:", e.message));
      });
    },
  };
  const context = await esbuild.context({ ...scriptOptions, plugins: [rebuild] });
  await context.watch();
  process.stdin.on("close", () => process.exit(0));
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

// No top-level await: next.config.ts loads this file with require().
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  (process.argv.includes("--watch") ? watchUntilParentExits() : buildCheckoutAssets()).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
