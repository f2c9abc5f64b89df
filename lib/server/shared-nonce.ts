/**
 * Bitfinex nonces shared by every app instance on one PostgreSQL.
 *
 * Bitfinex rejects a request whose nonce is not larger than the last one it accepted for the API
 * key ("nonce: small"), whichever program sent it. One process keeps its own requests in order
 * (a queue and a counter in lib/bitfinex/transport.ts), but two processes with one key cannot:
 * each counts on its own, and even with perfect counters a request with a smaller nonce can
 * reach Bitfinex after one with a larger nonce from the other process.
 *
 * So with PostgreSQL every authenticated request is sent while holding one advisory lock, and its
 * nonce is taken from a row all instances share: max(now in µs, last + 1). The lock keeps requests
 * of all instances on the wire one at a time in nonce order; the row keeps nonces increasing
 * across instances, restarts and clocks that disagree. A process that dies mid-request loses its
 * session, and the server releases the lock at once. The cost is about three database round trips
 * per Bitfinex call, against Bitfinex's limit of 90 calls a minute per endpoint family.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { AuthSequencer } from "../bitfinex/transport";
import type { DbHandle } from "../db/connect";

/** Any fixed number (the reconciler's is 7_271_002). */
export const NONCE_LOCK = 7_271_003;

const TAKE_NONCE = `insert into bitfinex_nonces (key_id, last_nonce, updated_at) values ($1, $2, now())
  on conflict (key_id) do update set last_nonce = greatest(excluded.last_nonce, bitfinex_nonces.last_nonce + 1), updated_at = now()
  returning last_nonce::text as nonce`;

export class SharedNonceSequencer implements AuthSequencer {
  private readonly keyId: string;

  constructor(
    private readonly handle: () => Promise<DbHandle>,
    apiKey: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keyId = createHash("sha256").update(apiKey).digest("hex").slice(0, 32);
  }

  async run<T>(send: (nonce: string) => Promise<T>): Promise<T> {
    const handle = await this.handle();
    if (!handle.exclusive) throw new Error("shared nonces need PostgreSQL");
    return handle.exclusive(NONCE_LOCK, async (query) => {
      const [row] = await query(TAKE_NONCE, [this.keyId, String(this.now() * 1000)]);
      return send(String(row!.nonce));
    });
  }
}
