/**
 * Checkouts that visitors make without a key (opening a payment link or a signed link, "Start
 * again" on an expired one, the demo shop's "Buy") are limited per client, and in total, so a
 * script cannot fill the database with them: 20 per client in 10 minutes, and 120 a minute in all.
 * A customer makes one or two. The client is the address TRUST_PROXY designates, IPv6 by its /64
 * (lib/net/client-address.ts), so rotating X-Forwarded-For entries or addresses inside one /64
 * gives a flooder no new keys. The total is per minute so that even a flood that reaches it (many
 * real addresses) keeps other customers out for at most a minute; a client refused by its own
 * limit does not count against the total. Only creations count: a signed link opened again reuses
 * its checkout, and a refused request (a bad amount, a tampered link) costs nothing. Merchant API
 * and dashboard checkouts are not limited here: they come with the merchant's own key or session.
 * Shared by all instances on PostgreSQL (lib/limits/rate-limit.ts).
 */
import { ApiError } from "../errors/api-error";
import { clientKey } from "../net/client-address";
import { RateLimit, type LimitStore } from "./rate-limit";

export const CREATION_LIMITS = {
  perClient: { name: "visitor-checkouts-client", points: 20, durationSeconds: 600 },
  total: { name: "visitor-checkouts-total", points: 120, durationSeconds: 60 },
};

function limited(waitSeconds: number): ApiError {
  const minutes = Math.ceil(waitSeconds / 60);
  return new ApiError({
    code: "rate_limited",
    message: `Too many checkouts were started from here. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    extra: { retryAfterSeconds: waitSeconds },
  });
}

export class CreationLimiter {
  private constructor(
    private readonly perClient: RateLimit,
    private readonly total: RateLimit,
  ) {}

  static async create(store: LimitStore, limits = CREATION_LIMITS): Promise<CreationLimiter> {
    return new CreationLimiter(
      await RateLimit.create(store, limits.perClient),
      await RateLimit.create(store, limits.total),
    );
  }

  /** Counts one creation for the client at `address`, or throws a 429 `rate_limited` when it is over a limit. */
  async take(address: string): Promise<void> {
    const key = clientKey(address);
    const mine = await this.perClient.take(key);
    if (mine > 0) throw limited(mine);
    const all = await this.total.take("all");
    if (all > 0) {
      await this.perClient.giveBack(key);
      throw limited(all);
    }
  }
}

const holder = globalThis as unknown as { __creationLimiter?: Promise<CreationLimiter> };

/** The process's limiter for checkouts made by visitors (in the store `store()` gives, made once). */
export function creationLimiter(store: () => Promise<LimitStore>): Promise<CreationLimiter> {
  if (!holder.__creationLimiter) {
    holder.__creationLimiter = store().then((s) => CreationLimiter.create(s));
    holder.__creationLimiter.catch(() => (holder.__creationLimiter = undefined));
  }
  return holder.__creationLimiter;
}
