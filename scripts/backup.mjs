#!/usr/bin/env node
// npm run backup [-- --out FILE] [--url URL] [--offline]
// The embedded database (PGlite) as one gzipped tarball, by default taken from the running app
// (GET /api/backup on http://127.0.0.1:$PORT), which dumps it through its own connection: one
// consistent moment, while it keeps serving. BACKUP_TOKEN, if the app has one, is sent as a bearer.
//   --url URL   another address of the app (e.g. http://127.0.0.1:4000)
//   --offline   the app is STOPPED: open $DATA_DIR/pglite here and dump it. Never while the app
//               runs: PGlite has no lock, and two processes on one data directory corrupt it.
// With DATABASE_URL (PostgreSQL), use pg_dump instead (README: Backups and upgrades).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const out = resolve(option("--out") ?? join("backups", `checkout-${stamp}.tar.gz`));

if (process.env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is set: the data is in PostgreSQL. Back it up with pg_dump, e.g. pg_dump --format=custom --file=checkout.dump "$DATABASE_URL" (README: Backups and upgrades).',
  );
  process.exit(2);
}

let bytes;
if (args.includes("--offline")) {
  const dataDir = join(resolve(process.env.DATA_DIR || ".data"), "pglite");
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  const count = (await db.query("select count(*)::int as n from checkouts")).rows[0].n;
  bytes = Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer());
  await db.close();
  console.log(`backup: ${dataDir} (${count} checkouts), read with the app stopped`);
} else {
  const url = `${option("--url") ?? `http://127.0.0.1:${process.env.PORT || 3000}`}/api/backup`;
  const headers = process.env.BACKUP_TOKEN ? { authorization: `Bearer ${process.env.BACKUP_TOKEN}` } : {};
  let res;
  try {
    res = await fetch(url, { headers });
  } catch (e) {
    console.error(
      `backup: the app did not answer at ${url} (${e.cause?.code ?? e.message}). Start it, pass --url, or, with the app stopped, --offline.`,
    );
    process.exit(1);
  }
  if (!res.ok) {
    const body = await res.text();
    console.error(`backup: ${url} answered ${res.status}: ${body.slice(0, 300)}`);
    process.exit(1);
  }
  bytes = Buffer.from(await res.arrayBuffer());
  console.log(`backup: taken from the running app at ${url}`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes, { mode: 0o600 }); // the whole database: secrets of links and webhooks included
console.log(`backup: ${out} (${bytes.length} bytes). Restore with: npm run restore -- ${out}`);
