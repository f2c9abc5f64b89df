/**
 * Bitfinex's 60 s IP block after a 429, shared by every app instance on one PostgreSQL. Instances
 * behind one IP (and one key) are blocked together, so a 429 seen by one must stop the others'
 * calls too, not only its own: the pause's end is kept in app_state, written with greatest() so a
 * shorter pause never shortens a longer one, and read before each call (cached for a second: a
 * call that slips through in that second meets Bitfinex's own block and pauses that instance too).
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { SharedPause } from "../bitfinex/limiter";
import type { DbHandle } from "../db/connect";
import { appState } from "../db/schema";

const KEY = "bitfinex_rate_limit_pause";
const CACHE_MS = 1_000;

export class DbSharedPause implements SharedPause {
  private cached: { at: number; until: number } | null = null;

  constructor(
    private readonly handle: () => Promise<DbHandle>,
    private readonly now: () => number = Date.now,
  ) {}

  async pauseUntil(until: number): Promise<void> {
    const { db } = await this.handle();
    await db
      .insert(appState)
      .values({ key: KEY, value: { until } })
      .onConflictDoUpdate({
        target: appState.key,
        set: {
          value: sql`jsonb_build_object('until', greatest(coalesce((${appState.value}->>'until')::bigint, 0), ${until}::bigint))`,
          updatedAt: sql`now()`,
        },
      });
    this.cached = { at: this.now(), until: Math.max(until, this.cached?.until ?? 0) };
  }

  async until(): Promise<number> {
    if (this.cached && this.now() - this.cached.at < CACHE_MS) return this.cached.until;
    const { db } = await this.handle();
    const [row] = await db.select().from(appState).where(eq(appState.key, KEY)).limit(1);
    const until = Number((row?.value as { until?: unknown } | undefined)?.until ?? 0);
    this.cached = { at: this.now(), until: Number.isFinite(until) ? until : 0 };
    return this.cached.until;
  }
}
