/** The app's database, opened once per process (PGlite allows a single connection). */
import "server-only";
import { join } from "node:path";
import { getConfig } from "../env";
import { openDatabase, type DbHandle } from "./connect";

const holder = globalThis as unknown as { __db?: Promise<DbHandle> };

export function getDb(): Promise<DbHandle> {
  if (!holder.__db) {
    const config = getConfig();
    holder.__db = openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, "pglite") },
    );
    holder.__db.catch(() => {
      holder.__db = undefined; // let the next request try again rather than caching the failure
    });
  }
  return holder.__db;
}
