/**
 * Bitfinex blocks the whole IP for 60 s after a 429 (../shared/bitfinex-api.md §2). A 429 from one
 * endpoint family must therefore stop every call, authenticated and public, on every instance that
 * shares the database (and so the IP and key), for 60 s, and no longer. Two clients on one
 * database, a Bitfinex stand-in answering 429 on Pay only, and one controlled clock (no real waits).
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { createBitfinexClient } from "../lib/bitfinex/client";
import { isBitfinexError } from "../lib/bitfinex/errors";
import { FamilyLimiter } from "../lib/bitfinex/limiter";
import { FAMILY_LIMITS } from "../lib/bitfinex/rate-limits";
import type { DbHandle } from "../lib/db/connect";
import { DbSharedPause } from "../lib/server/shared-pause";
import { dbTargets } from "./support/checkout-harness";

for (const [dbName, openDb, { it, before, after }] of dbTargets()) {
  describe(`a 429 stops every call on every instance for 60 s (${dbName})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await openDb();
    });
    after(() => handle.close());

    it("Pay answers 429 on instance A: A's and B's ticker, platform status, movements wait 60 s, then go", async () => {
      const start = 1_800_000_000_000;
      const clock = { now: start };
      const now = () => clock.now;
      const sent: string[] = [];
      const fakeFetch = (async (url: string | URL) => {
        const path = new URL(String(url)).pathname.replace(/^\//, "");
        sent.push(path);
        if (path.includes("/ext/pay/"))
          return new Response('["error",11010,"ratelimit: error"]', {
            status: 429,
            headers: { "content-type": "application/json" },
          });
        if (path === "v2/platform/status") return new Response("[1]", { status: 200 });
        if (path.startsWith("v2/ticker/")) return new Response("[100,1,101,1,0,0,100,1,110,90]", { status: 200 });
        return new Response("[]", { status: 200 });
      }) as typeof fetch;
      const instance = () =>
        createBitfinexClient({
          apiKey: "k",
          apiSecret: "s",
          restUrl: "http://127.0.0.1:9",
          publicUrl: "http://127.0.0.1:9",
          timeoutMs: 1000,
          readAttempts: 1,
          maxLimiterWaitMs: 3_000,
          fetch: fakeFetch,
          limiter: new FamilyLimiter(
            FAMILY_LIMITS,
            now,
            async (ms) => void (clock.now += ms),
            new DbSharedPause(async () => handle, now),
          ),
        });
      const a = instance();
      const b = instance();
      const refused = async (p: Promise<unknown>) => {
        try {
          await p;
        } catch (e) {
          return isBitfinexError(e) && e.kind === "rate_limited" ? e : assert.fail(String(e));
        }
        return assert.fail("expected rate_limited");
      };

      const first = await refused(a.pay.listInvoices({ limit: 1 }));
      assert.equal(first.httpStatus, 429);
      const before = sent.length;
      clock.now += 1_500; // past the shared pause's read cache
      for (const client of [a, b]) {
        await refused(client.market.getTicker("tBTCUSD"));
        await refused(client.market.getPlatformStatus());
        await refused(client.account.listMovements({ currency: "LNX" }));
        await refused(client.pay.listInvoices({ limit: 1 }));
      }
      assert.equal(sent.length, before, "nothing reached Bitfinex during the block, from either instance");
      // 3.001 s before the end the wait is still longer than a caller may wait (3 s): refused at once.
      clock.now = start + 60_000 - 3_001;
      await refused(b.market.getTicker("tBTCUSD"));
      clock.now = start + 60_000;
      assert.equal((await b.market.getTicker("tBTCUSD")).bid, "100");
      await a.market.getPlatformStatus();
      assert.deepEqual(sent.slice(before), ["v2/ticker/tBTCUSD", "v2/platform/status"]);
    });
  });
}
