/**
 * Checkouts that visitors make without a key (opening a payment link or a signed link, the demo
 * shop's "Buy") are limited per client address, and in total, so a script cannot fill the
 * database with them: 20 per address and 600 in all in 10 minutes. A customer makes one or two.
 * Only creations count: a signed link opened again reuses its checkout, and a refused request
 * (a bad amount, a tampered link) costs nothing. Merchant API and dashboard checkouts are not
 * limited here: they come with the merchant's own key or session. Kept in memory: each app
 * instance limits on its own.
 */
import { ApiError } from "../http/api-error";

export const CREATION_LIMITS = { perClient: 20, total: 600, windowMs: 10 * 60_000 };

export class CreationLimiter {
  private byClient = new Map<string, number[]>();
  private all: number[] = [];

  constructor(
    private readonly limits = CREATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(list: number[]): number[] {
    const since = this.now() - this.limits.windowMs;
    return list.filter((t) => t > since);
  }

  /** Seconds until `client` may make another checkout; 0 when it may now. */
  retryAfterSeconds(client: string): number {
    this.all = this.recent(this.all);
    const mine = this.recent(this.byClient.get(client) ?? []);
    if (mine.length === 0) this.byClient.delete(client);
    else this.byClient.set(client, mine);
    const waitFor = (list: number[]) => Math.max(1, Math.ceil((list[0]! + this.limits.windowMs - this.now()) / 1000));
    let wait = 0;
    if (mine.length >= this.limits.perClient) wait = waitFor(mine);
    if (this.all.length >= this.limits.total) wait = Math.max(wait, waitFor(this.all.slice(this.all.length - this.limits.total)));
    return wait;
  }

  /** Counts one creation for `client`, or throws a 429 `rate_limited` when it is over a limit. */
  take(client: string): void {
    const wait = this.retryAfterSeconds(client);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new ApiError(429, "rate_limited", `Too many checkouts were started from here. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, undefined, [], { retryAfterSeconds: wait });
    }
    this.byClient.set(client, [...(this.byClient.get(client) ?? []), this.now()]);
    this.all.push(this.now());
    if (this.byClient.size > 100_000) this.byClient.clear();
  }
}

const holder = globalThis as unknown as { __creationLimiter?: CreationLimiter };

/** The process's limiter for checkouts made by visitors. */
export const creationLimiter = (): CreationLimiter => (holder.__creationLimiter ??= new CreationLimiter());
