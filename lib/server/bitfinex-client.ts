/** The app's Bitfinex client, built once from the configuration. Server only: it holds the secret. */
import "server-only";
import { getDb } from "../db";
import { getConfig } from "../env";
import { SharedNonceSequencer } from "./shared-nonce";
import { DbSharedPause } from "./shared-pause";
import { FamilyLimiter } from "../bitfinex/limiter";
import { FAMILY_LIMITS } from "../bitfinex/rate-limits";
import { createBitfinexClient, type BitfinexClient } from "../bitfinex/client";
import { meteredFetch } from "../bitfinex/metered-fetch";

const holder = globalThis as unknown as { __bitfinex?: BitfinexClient };

export function getBitfinex(): BitfinexClient {
  if (!holder.__bitfinex) {
    const { bitfinex, databaseUrl } = getConfig();
    holder.__bitfinex = createBitfinexClient({
      apiKey: bitfinex.apiKey,
      apiSecret: bitfinex.apiSecret,
      restUrl: bitfinex.restUrl,
      publicUrl: bitfinex.publicUrl,
      timeoutMs: bitfinex.timeoutMs,
      fetch: meteredFetch(),
      // On PostgreSQL several instances may share the key: nonces are ordered across them
      // (lib/server/shared-nonce.ts). Embedded PGlite means one process: its own counter suffices.
      ...(databaseUrl && { sequencer: new SharedNonceSequencer(getDb, bitfinex.apiKey) }),
      // A 429 blocks the IP for 60 s: with PostgreSQL every instance holds back (lib/server/shared-pause.ts).
      ...(databaseUrl && { limiter: new FamilyLimiter(FAMILY_LIMITS, Date.now, undefined, new DbSharedPause(getDb)) }),
    });
  }
  return holder.__bitfinex;
}
