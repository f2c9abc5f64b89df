#!/usr/bin/env node
// Completes Next's standalone build into a folder that runs with `node start.mjs` and nothing else:
// Next leaves out the browser assets (.next/static) and public/, and our start script.
//   node scripts/prepare-standalone.mjs           in place: .next/standalone (what `npm start` runs)
//   node scripts/prepare-standalone.mjs --to DIR  a copy in DIR (a deploy folder; the CI smoke test)
import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const standalone = join(root, ".next/standalone");
if (!existsSync(join(standalone, "server.js"))) {
  console.error("No standalone build in .next/standalone: run `next build` first.");
  process.exit(1);
}
cpSync(join(root, ".next/static"), join(standalone, ".next/static"), { recursive: true });
cpSync(join(root, "public"), join(standalone, "public"), { recursive: true });
cpSync(join(root, "scripts/start.mjs"), join(standalone, "start.mjs"));
// The configuration check start.mjs runs before the server listens (lib/startup/config-gate.ts),
// bundled with what it imports (esbuild: the bundler tsx already runs on) so it needs no node_modules.
await build({
  entryPoints: [join(root, "lib/startup/config-gate.ts")],
  outfile: join(standalone, "config-gate.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["react-server"],
  logLevel: "warning",
});

const at = process.argv.indexOf("--to");
if (at !== -1) {
  const target = process.argv[at + 1];
  if (!target) {
    console.error("--to needs a folder");
    process.exit(1);
  }
  rmSync(target, { recursive: true, force: true });
  cpSync(standalone, target, { recursive: true });
  console.log(`standalone server copied to ${resolve(target)}: start it with \`node start.mjs\``);
}
