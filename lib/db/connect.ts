/**
 * Opens the database and brings its schema up to date. Embedded PGlite (in DATA_DIR/pglite) by
 * default, nothing to install; a PostgreSQL server when DATABASE_URL is set, so several app
 * instances can share one database. Both run the same migrations and the same queries.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { log } from "../observability/log";
import { listenPostgres, type ListenHandlers } from "./listen";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * A process-wide lock for a singleton job (the reconciler): true while this process holds it.
   * On PostgreSQL it is a session advisory lock on a dedicated connection, so it is released by
   * the server the moment the holder dies; embedded PGlite is one process, which always holds it.
   */
  holdsLock(key: number): Promise<boolean>;
  /**
   * PostgreSQL only: runs `fn` on a connection of its own while holding the session advisory lock
   * `key`, waiting for it if another process holds it. If the process dies, the server ends the
   * session and the lock with it. (Embedded PGlite is one process and has no such thing.)
   */
  exclusive?<T>(
    key: number,
    fn: (query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ): Promise<T>;
  /**
   * Embedded PGlite only: the whole data directory as a gzipped tarball (PGlite's own dump), taken
   * through this process's single connection, so it is one consistent moment even while the app
   * serves (npm run backup; restored with loadDataDir by npm run restore). PostgreSQL: pg_dump.
   */
  dump?(): Promise<Blob>;
  /**
   * Hears what is announced on `channel` (NOTIFY) by every connection, this process's own
   * included; `live` says whether announcements may have been missed (lib/db/listen.ts).
   * Returns the function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /** PostgreSQL only: the pool, for stores that bring their own tables (lib/limits/rate-limit.ts). */
  pool?: import("pg").Pool;
  close(): Promise<void>;
}

const MIGRATIONS = join(process.cwd(), "lib/db/migrations");
// Any fixed number: instances starting together take turns applying migrations.
const MIGRATION_LOCK = 7_271_001;

export async function openDatabase(
  target: { url: string } | { dataDir: string } | { memory: true },
): Promise<DbHandle> {
  if ("url" in target) {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server closes (restart, failover, admin) must not crash the app:
    // the pool drops it and opens a new one on the next query.
    pool.on("error", (e) => log().warn(`postgres: idle connection lost (${e.message})`));
    const db = drizzle({ client: pool, schema });
    const lock = await pool.connect();
    try {
      await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(db, { migrationsFolder: MIGRATIONS });
    } finally {
      await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      lock.release();
    }
    const held = new Map<number, import("pg").PoolClient>();
    const holdsLock = async (key: number) => {
      const mine = held.get(key);
      if (mine) {
        try {
          await mine.query("select 1");
          return true;
        } catch {
          held.delete(key);
          mine.release(true); // the connection died, and the lock with it
        }
      }
      const client = await pool.connect();
      const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [key]);
      if (rows[0]?.ok) {
        client.on("error", () => held.delete(key));
        held.set(key, client);
        return true;
      }
      client.release();
      return false;
    };
    const exclusive = async <T>(
      key: number,
      fn: (query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
    ) => {
      const client = await pool.connect();
      // Back to the pool only if the lock was certainly released; otherwise the connection is
      // closed, and the server releases the lock with the session.
      let reusable = false;
      // The connection can die while fn waits on Bitfinex; unheard, its 'error' event would end the process.
      const onError = (e: Error) => log().warn(`postgres: lock connection lost (${e.message})`);
      client.on("error", onError);
      try {
        await client.query("select pg_advisory_lock($1)", [key]);
        let result: T;
        try {
          result = await fn(async (text, params) => (await client.query(text, params)).rows);
        } finally {
          reusable = await client.query("select pg_advisory_unlock($1)", [key]).then(
            () => true,
            () => false,
          );
        }
        return result;
      } finally {
        client.removeListener("error", onError);
        client.release(!reusable);
      }
    };
    const close = async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      listeners.clear();
      for (const client of held.values()) client.release(true);
      held.clear();
      await pool.end();
    };
    const listeners = new Set<() => Promise<void>>();
    const listen = async (channel: string, handlers: ListenHandlers) => {
      const stop = listenPostgres(target.url, channel, handlers);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    };
    return { db: db as unknown as Db, kind: "postgres", holdsLock, exclusive, listen, pool, close };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let client;
  if ("dataDir" in target) {
    mkdirSync(dirname(target.dataDir), { recursive: true }); // PGlite creates only the last folder
    client = await PGlite.create(target.dataDir);
  } else {
    client = await PGlite.create();
  }
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    holdsLock: async () => true,
    dump: () => client.dumpDataDir("gzip"),
    // One process, one connection: nothing can be missed while the database is open.
    listen: async (channel, handlers) => {
      const unlisten = await client.listen(channel, handlers.message);
      handlers.live(true);
      return async () => {
        handlers.live(false);
        await unlisten();
      };
    },
    close: () => client.close(),
  };
}
