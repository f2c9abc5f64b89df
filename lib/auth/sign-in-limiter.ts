/**
 * Failed sign-ins slow an attacker down without letting them lock the merchant out:
 *  - per address and username: 5 failures in 15 minutes, then that pair waits out the window;
 *  - per address, whatever the username: 10 failures an hour are free, then each further failure
 *    holds the address back twice as long as the one before (30 s, 1 min, 2 min, … up to 1 hour);
 *  - per username, from anywhere: 50 failures in 15 minutes hold the name back, but only for
 *    addresses that have not signed in successfully in the last two weeks or so, so a stranger who
 *    burns the admin's username cannot keep the admin out of the dashboard.
 * A success clears the address's counts. Addresses are keyed like every limit (IPv6 by /64), and
 * the counts live in the shared limit store (PostgreSQL with DATABASE_URL; lib/limits/rate-limit.ts).
 */
import { clientKey } from "../net/client-address";
import { RateLimit, type LimitStore } from "../limits/rate-limit";

export const SIGN_IN_LIMITS = {
  addressAndUser: { name: "signin-address-user", points: 5, durationSeconds: 15 * 60 },
  addressFailures: { name: "signin-address", points: 10, durationSeconds: 60 * 60 },
  addressHold: { name: "signin-address-hold", points: 1, durationSeconds: 1 },
  user: { name: "signin-user", points: 50, durationSeconds: 15 * 60 },
  // 14 days: the in-memory store expires keys with a timer, and Node's timers cannot be longer than 24.8 days.
  knownAddress: { name: "signin-known-address", points: 1_000_000, durationSeconds: 14 * 86_400 },
};

/** Hold after `failures` failures from one address in the hour: none up to the free ones, then 30 s doubling, at most 1 hour. */
export function backoffSeconds(failures: number, free = SIGN_IN_LIMITS.addressFailures.points): number {
  if (failures <= free) return 0;
  return Math.min(3600, 30 * 2 ** Math.min(failures - free - 1, 20));
}

type Limits = { [K in keyof typeof SIGN_IN_LIMITS]: RateLimit };

export class SignInLimiter {
  private constructor(private readonly limits: Limits) {}

  static async create(store: LimitStore, rules = SIGN_IN_LIMITS): Promise<SignInLimiter> {
    const entries = await Promise.all(
      Object.entries(rules).map(async ([k, rule]) => [k, await RateLimit.create(store, rule)] as const),
    );
    return new SignInLimiter(Object.fromEntries(entries) as Limits);
  }

  private keys(address: string, username: string) {
    const addr = clientKey(address);
    const user = username.trim().toLowerCase().slice(0, 100);
    return { addr, user, pair: `${addr}|${user}` };
  }

  /** Seconds to wait before another attempt is heard, or 0 when one is allowed now. */
  async retryAfterSeconds(address: string, username: string): Promise<number> {
    const { addr, user, pair } = this.keys(address, username);
    const known = (await this.limits.knownAddress.count(addr)) > 0;
    const waits = await Promise.all([
      this.limits.addressAndUser.waitFor(pair),
      this.limits.addressHold.waitFor(addr),
      known ? 0 : this.limits.user.waitFor(user),
    ]);
    return Math.max(...waits);
  }

  async recordFailure(address: string, username: string): Promise<void> {
    const { addr, user, pair } = this.keys(address, username);
    await Promise.all([
      this.limits.addressAndUser.take(pair),
      this.limits.user.take(user),
      this.limits.addressFailures.take(addr),
    ]);
    const hold = backoffSeconds(await this.limits.addressFailures.count(addr));
    if (hold > 0) await this.limits.addressHold.hold(addr, hold);
  }

  async recordSuccess(address: string, username: string): Promise<void> {
    const { addr, pair } = this.keys(address, username);
    await Promise.all([
      this.limits.addressAndUser.clear(pair),
      this.limits.addressFailures.clear(addr),
      this.limits.addressHold.clear(addr),
      this.limits.knownAddress.take(addr),
    ]);
  }
}
