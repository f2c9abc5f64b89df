/**
 * Test-only: an empty database of its own on the test PostgreSQL server (TEST_DATABASE_URL), so
 * tests that share one server never see each other's rows. Used by unit tests and by the
 * whole-process reliability specs.
 */
import { randomBytes } from "node:crypto";

/** An empty database on the test server; `drop` removes it (closing whoever is still connected). */
export async function createTestDatabase(url: string, prefix = "t"): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
