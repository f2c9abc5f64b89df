/** Where this process keeps its limits: the app's PostgreSQL when DATABASE_URL is set, else memory. */
import "server-only";
import { getServices } from "./services";
import type { LimitStore } from "../limits/rate-limit";

export async function limitStore(): Promise<LimitStore> {
  const { handle } = await getServices();
  return handle.pool ? { kind: "postgres", pool: handle.pool } : { kind: "memory" };
}
