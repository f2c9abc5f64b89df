/**
 * Only the payment page weight, for working on it: starts the built app on its own, weighs
 * /pay/{id} against the framework's floor as `npm run bench` does, and lists the files.
 * `npm run bench:weight` (after `next build`). Writes nothing.
 */
import { launchChromium } from "./browser";
import { measurePageWeight } from "./page-weight";
import { freshDataDir, startServer } from "./server";

const PORT = Number(process.env.BENCH_PORT ?? 3390);

async function main() {
  const server = await startServer({ port: PORT, dataDir: freshDataDir("weigh") });
  const browser = await launchChromium();
  try {
    const w = await measurePageWeight(server.origin, browser);
    console.log(
      `own ${w.ownKB} KB above the floor ${w.reactPageKB} KB; total ${w.totalKB} KB (JS ${w.jsKB} + CSS ${w.cssKB})`,
    );
    for (const f of w.files)
      console.log(`${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${f.type.padEnd(10)} ${f.url}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
