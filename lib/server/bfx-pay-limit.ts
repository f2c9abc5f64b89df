/**
 * The request budget of each Bitfinex Pay plugin key (lib/bfx-pay/endpoint.ts): 90 a minute, as
 * Bitfinex gives a key on its Pay endpoints. The plugin's own cron makes 13 in a row every 15
 * minutes, and each order one or two, so a shop never meets it unless something runs away.
 * Shared by all instances on PostgreSQL, like the other limits (lib/limits/rate-limit.ts).
 */
import "server-only";
import { RateLimit } from "../limits/rate-limit";
import { limitStore } from "./limit-store";

export const BFX_KEY_LIMIT = { name: "bfx-pay-key", points: 90, durationSeconds: 60 };

const holder = globalThis as unknown as { __bfxKeyLimit?: Promise<RateLimit> };

export async function bfxKeyBudget(keyId: string): Promise<number> {
  const limit = await (holder.__bfxKeyLimit ??= limitStore().then((store) => RateLimit.create(store, BFX_KEY_LIMIT)));
  return limit.take(keyId);
}
