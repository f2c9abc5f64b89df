/**
 * Failed sign-ins are limited per client address and per username, so a password cannot be
 * guessed quickly from one place, nor slowly from many: 5 failures per address and username and
 * 20 per address in 15 minutes, and 50 per username from anywhere. A success clears the
 * address's count. Kept in memory: each app instance limits on its own.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { addressAndUser: 5, address: 20, user: 50 };

export class SignInLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private keys(address: string, username: string) {
    const user = username.trim().toLowerCase().slice(0, 100);
    return { addressAndUser: `au:${address}:${user}`, address: `a:${address}`, user: `u:${user}` } as const;
  }

  /** Seconds to wait before another attempt is heard, or 0 when one is allowed now. */
  retryAfterSeconds(address: string, username: string): number {
    const keys = this.keys(address, username);
    let wait = 0;
    for (const kind of ["addressAndUser", "address", "user"] as const) {
      const list = this.recent(keys[kind]);
      if (list.length >= LIMITS[kind]) wait = Math.max(wait, Math.ceil((list[0]! + WINDOW_MS - this.now()) / 1000));
    }
    return wait;
  }

  recordFailure(address: string, username: string) {
    const keys = this.keys(address, username);
    for (const key of Object.values(keys)) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  recordSuccess(address: string, username: string) {
    const keys = this.keys(address, username);
    this.failures.delete(keys.addressAndUser);
    this.failures.delete(keys.address);
  }
}
