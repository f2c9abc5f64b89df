/**
 * The one limiter abstraction for every limit the app sets on visitors (sign-in attempts,
 * checkouts made by visitors, "Start again"): counters in a fixed window per key, kept by
 * rate-limiter-flexible (a maintained library with atomic stores). In memory for the embedded
 * PGlite default (one process); in PostgreSQL when DATABASE_URL is set, so every instance counts
 * against the same limit and a restart forgets nothing. The library creates its own table
 * (rate_limits) through the app's pg Pool; it is not part of the drizzle schema on purpose.
 * If PostgreSQL stops answering, each instance falls back to counting in its own memory (the
 * library's insurance limiter) rather than letting everyone through or turning everyone away.
 */
import type { Pool } from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { metrics } from "../observability/metrics";

export type LimitStore = { kind: "memory" } | { kind: "postgres"; pool: Pool };

export interface LimitRule {
  /** Unique per limit: keys of different limits never meet. */
  name: string;
  points: number;
  durationSeconds: number;
}

export const LIMITS_TABLE = "rate_limits";

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class RateLimit {
  private constructor(
    readonly rule: LimitRule,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  static async create(store: LimitStore, rule: LimitRule): Promise<RateLimit> {
    // The memory store expires keys with setTimeout, which fires at once beyond 2^31-1 ms (24.8 days).
    if (rule.durationSeconds * 1000 > 2 ** 31 - 1)
      throw new Error(`limit ${rule.name}: a window longer than 24 days cannot be kept in memory`);
    const options = { keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds };
    if (store.kind === "memory") return new RateLimit(rule, new RateLimiterMemory(options));
    const make = () =>
      new Promise<RateLimiterPostgres>((resolve, reject) => {
        const made: RateLimiterPostgres = new RateLimiterPostgres(
          {
            ...options,
            storeClient: store.pool,
            storeType: "pool",
            tableName: LIMITS_TABLE,
            clearExpiredByTimeout: true,
            insuranceLimiter: new RateLimiterMemory(options),
          },
          (error?: Error) => (error ? reject(error) : resolve(made)),
        );
      });
    // Two limiters (or two instances) creating the table at the same moment: PostgreSQL's
    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent one and fails with "already
    // exists" (42P07 / 42710 / 23505). The table is there by then, so asking again succeeds.
    for (let attempt = 1; ; attempt++) {
      try {
        return new RateLimit(rule, await make());
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 3 || !(code === "42P07" || code === "42710" || code === "23505")) throw e;
      }
    }
  }

  /** Counts `points` for `key`: 0 when within the limit, otherwise the seconds until the window ends. */
  async take(key: string, points = 1): Promise<number> {
    try {
      await this.limiter.consume(key, points);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        metrics().limiterRefusals.inc({ limit: this.rule.name });
        return seconds(e.msBeforeNext);
      }
      throw e;
    }
  }

  /** Gives back points taken for a request that did not go ahead after all. */
  async giveBack(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  /** Points counted for `key` in its current window (0 when none). */
  async count(key: string): Promise<number> {
    return (await this.limiter.get(key))?.consumedPoints ?? 0;
  }

  /** Seconds until `key` may take a point again without being over the limit (0: now). */
  async waitFor(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    return res && res.consumedPoints >= this.rule.points ? seconds(res.msBeforeNext) : 0;
  }

  /** Holds `key` over the limit for `durationSeconds` (a back-off). */
  async hold(key: string, durationSeconds: number): Promise<void> {
    await this.limiter.block(key, durationSeconds);
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
