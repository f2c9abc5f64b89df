#!/usr/bin/env node
// npm run restore -- FILE [--data-dir DIR] [--replace]
// Loads a backup made by `npm run backup` into DIR/pglite (default $DATA_DIR, .data). The app must
// be stopped. An existing database there is kept: refused unless --replace, which moves it aside to
// pglite.before-restore-<time> (nothing is deleted). The app brings the schema up to date when it
// starts, so a backup from an earlier release restores into today's.
import { existsSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--data-dir");
if (!file || !existsSync(file)) {
  console.error(`restore: give the backup file to load (${file ? `${file} does not exist` : "none given"}).`);
  process.exit(2);
}
const dataDir = join(resolve(option("--data-dir") ?? (process.env.DATA_DIR || ".data")), "pglite");

// A running app on this machine's PORT would keep writing to the old database (or to this one).
const port = process.env.PORT || 3000;
const answering = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
  () => true,
  () => false,
);
if (answering) {
  console.error(`restore: an app answers on port ${port}. Stop it first, then restore, then start it again.`);
  process.exit(1);
}
if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
  if (!args.includes("--replace")) {
    console.error(`restore: ${dataDir} already holds a database. Add --replace to move it aside and restore.`);
    process.exit(1);
  }
  const aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(dataDir, aside);
  console.log(`restore: the database that was there is kept in ${aside}`);
}
const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
const count = (await db.query("select count(*)::int as n from checkouts")).rows[0].n;
await db.close();
console.log(`restore: ${file} → ${dataDir} (${count} checkouts). Start the app: it applies any newer migrations.`);
