/**
 * Nonces shared across instances on one PostgreSQL (runs where TEST_DATABASE_URL is set; CI sets
 * it; skipped with the reason elsewhere). Two "instances" — two pools, two Bitfinex clients with their own queues — call the sandbox
 * at the same time, one of them with a clock 5 s behind. With their own counters Bitfinex rejects
 * nonces; with the shared sequencer it rejects none.
 * Run: TEST_DATABASE_URL=… node --conditions=react-server --import tsx --test lib/server/shared-nonce.test.ts
 */
import assert from "node:assert/strict";
import { describe } from "node:test";
import { NonceSource } from "../bitfinex/nonce";
import { createTestDatabase } from "../../test/support/checkout-harness";
import { postgresTests } from "../../test/support/postgres-tests";
import { openDatabase, type DbHandle } from "../db/connect";
import { API_KEY, startHarness, waitFor, type Harness } from "../../test/support/sandbox-harness";
import { SharedNonceSequencer } from "./shared-nonce";

const { url: pgUrl, it, before, after } = postgresTests();
const CALLS = 20;
type Client = ReturnType<Harness["client"]>;
// Each test reads from its own endpoint family, so none meets the sandbox's 90-a-minute limit.
const readMovements = (c: Client) => c.account.listMovements({ limit: 1 });
const readCurrencies = (c: Client) => c.pay.listCurrencies();

describe("Bitfinex nonces shared by two instances on one PostgreSQL", () => {
  let h: Harness;
  let database: { url: string; drop(): Promise<void> };
  let first: DbHandle;
  let second: DbHandle;
  before(async () => {
    h = await startHarness();
    database = await createTestDatabase(pgUrl!);
    first = await openDatabase({ url: database.url });
    second = await openDatabase({ url: database.url });
  });
  after(async () => {
    await first.close();
    await second.close();
    await database.drop();
    await h.close();
  });

  /** Both clients read at once, CALLS times each; returns the sandbox's genuine nonce rejections. */
  async function race(a: Client, b: Client, read: (c: Client) => Promise<unknown>) {
    const before = (await h.state()).requests.nonceRejected as number;
    const results = await Promise.allSettled(Array.from({ length: 2 * CALLS }, (_, i) => read(i % 2 ? a : b)));
    return {
      rejected: ((await h.state()).requests.nonceRejected as number) - before,
      failed: results.filter((r) => r.status === "rejected").length,
    };
  }

  it("each with its own counter: Bitfinex rejects nonces (the problem)", async () => {
    const behind = new NonceSource(() => Date.now() - 5_000);
    const { rejected } = await race(
      h.client({ nonces: new NonceSource() }),
      h.client({ nonces: behind }),
      readMovements,
    );
    assert.ok(rejected > 0, "expected nonce rejections with two counters");
  });

  it("with the shared sequencer: no rejection, every call answered, even with a clock 5 s behind", async () => {
    const a = h.client({ sequencer: new SharedNonceSequencer(async () => first, API_KEY) });
    const b = h.client({
      sequencer: new SharedNonceSequencer(
        async () => second,
        API_KEY,
        () => Date.now() - 5_000,
      ),
    });
    // The row starts where the first instance's clock is; the key's history before it (the test
    // above) is not the shared row's to know.
    await readCurrencies(a);
    const { rejected, failed } = await race(a, b, readCurrencies);
    assert.equal(rejected, 0);
    assert.equal(failed, 0);
    const [row] = await first.exclusive!(1, (q) =>
      q("select count(*)::int as n, max(last_nonce)::text as last from bitfinex_nonces", []),
    );
    assert.equal(row!.n, 1, "one row per key, holding no key material");
    assert.ok(BigInt(String(row!.last)) > BigInt(Date.now() - 60_000) * 1000n);
  });

  it("a process that dies holding the lock releases it: the other goes on", async () => {
    const doomed = await openDatabase({ url: database.url });
    let pid!: unknown;
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    // Holds the lock and never lets go, as a process stuck (or killed) mid-request would.
    const stuck = doomed.exclusive!(7_271_003, async (q) => {
      pid = (await q("select pg_backend_pid() as pid", []))[0]!.pid;
      locked();
      await new Promise(() => {});
    });
    await holding;
    const b = h.client({ sequencer: new SharedNonceSequencer(async () => second, API_KEY), timeoutMs: 5_000 });
    const waiting = b.lightning.listInvoices(0);
    // PostgreSQL shows the request queued on the lock (an advisory lock asked for and not granted).
    const queued = async () =>
      ((
        await first.exclusive!(1, (q) =>
          q(
            "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted" +
              " and database = (select oid from pg_database where datname = current_database())",
            [],
          ),
        )
      )[0]!.n as number) > 0;
    assert.ok(await waitFor(queued, 10_000), "the request waits for the lock");
    // Its session ends as it would if the process were killed: the server releases the lock.
    await first.exclusive!(1, (q) => q("select pg_terminate_backend($1)", [pid]));
    assert.ok(Array.isArray(await waiting));
    void stuck;
  });
});
