/**
 * `GET /api/health?fresh` re-probes Bitfinex at once. Anyone may call the health endpoint, and in
 * live mode every probe spends the same Bitfinex rate budget as customers' payments, so forced
 * probes are limited: never while the last one is under 5 s old (per process), and at most
 * FRESH_LIMIT.points a minute for the whole deployment (rate-limiter-flexible in the shared limit
 * store, so several instances on one PostgreSQL count together). Over the limit the answer is the
 * report as it stands, saying so in a header. The sandbox is ours and is not limited (the e2e
 * suite re-probes after each change it makes to the sandbox).
 */
import "server-only";
import { RateLimit, type LimitRule, type LimitStore } from "../limits/rate-limit";
import type { Mode } from "../mode";

export const FRESH_LIMIT: LimitRule = { name: "health-fresh", points: 6, durationSeconds: 60 };
const MIN_AGE_MS = 5_000;

const holder = globalThis as unknown as { __healthFresh?: Promise<RateLimit> };

/** Whether this `?fresh` may probe now; `retryAfterSeconds` when it may not. */
export async function freshProbeAllowed(
  mode: Mode,
  lastProbeAgeMs: number,
  store: () => Promise<LimitStore>,
  limit: Promise<RateLimit> = (holder.__healthFresh ??= store().then((s) => RateLimit.create(s, FRESH_LIMIT))),
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  if (mode === "sandbox") return { allowed: true };
  if (lastProbeAgeMs <= MIN_AGE_MS)
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((MIN_AGE_MS - lastProbeAgeMs) / 1000)) };
  // One key for everybody: a limit per client would let anyone with many addresses force probes.
  const wait = await (await limit).take("all");
  return wait === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: wait };
}
