/**
 * When a failed delivery is tried again. Quick retries first (a deploy or a blip on the merchant's
 * side heals in minutes), then ever longer gaps up to every 8 hours, for about three days from
 * the first attempt; after that the event is `failed` (it can still be resent by hand).
 *
 *   after attempt:  1    2   3   4   5    6    7   8   9   10  11 …
 *   wait:          30s  1m  2m  5m  15m  30m  1h  2h  4h  8h  8h …   (each ±10 %)
 *
 * That is about 18 attempts, the last at most 72 h after the first. Jitter spreads the retries of
 * many events that failed together (the merchant's endpoint was down) so they do not all come
 * back at the same second.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS: readonly number[] = [
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
];
/** No attempt is made later than this after the first one. */
export const RETRY_WINDOW_MS = 72 * HOUR;
/** Each delay is stretched or shrunk by up to this fraction. */
export const RETRY_JITTER = 0.1;

/** The wait after the `failedAttempts`-th failed attempt (1 = the first), with jitter from `random` (0…1). */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(failedAttempts, 1), RETRY_DELAYS_MS.length) - 1]!;
  const factor = 1 + RETRY_JITTER * (2 * random() - 1);
  return Math.round(base * factor);
}

/**
 * When to try again after the `failedAttempts`-th failure at `now`, for an event whose current
 * run of attempts began at `firstAttemptAt` (all in ms); null when that would be past the window:
 * give up.
 */
export function nextAttemptAt(
  failedAttempts: number,
  firstAttemptAt: number,
  now: number,
  random: () => number = Math.random,
): number | null {
  const at = now + retryDelayMs(failedAttempts, random);
  return at - firstAttemptAt > RETRY_WINDOW_MS ? null : at;
}

/**
 * A `test.ping` gets this many attempts, not three days of them: the merchant is looking at its
 * result now, and a ping arriving hours later (after they fixed their endpoint and moved on)
 * would only confuse. Sending another test event, or "resend", tries again.
 */
export const TEST_PING_ATTEMPTS = 1;
