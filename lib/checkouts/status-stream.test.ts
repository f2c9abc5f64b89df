/**
 * A payment page's status stream: the current status at once, each change of its checkout as the
 * feed hears it (and nothing for other checkouts or for bookkeeping the page does not show), then
 * the end after a final state, when the feed has a gap, or at shutdown.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { checkoutsTable as checkouts } from "../db/checkout-tables";
import { ChangeFeed } from "./change-feed";
import { findCheckoutStatus } from "./status-read";
import { endAllStreams, openStatusStream, openStreamCount, type StreamDeps } from "./status-stream";
import { openDatabase } from "../db/connect";
import { startEngine, type Engine } from "../../test/support/checkout-harness";

/** Reads server-sent events off the stream, one `status` event body at a time. */
function reader(stream: ReadableStream<Uint8Array>) {
  const r = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ state: string; payment: { amountPaid: string } | null } | "end"> {
      for (;;) {
        const blocks = buffer.split("\n\n");
        while (blocks.length > 1) {
          const block = blocks.shift()!;
          buffer = blocks.join("\n\n");
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (block.includes("event: status") && data) return JSON.parse(data.slice(6));
        }
        const chunk = await Promise.race([
          r.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event within 5 s")), 5_000)),
        ]);
        if (chunk.done) return "end";
        buffer += decoder.decode(chunk.value);
      }
    },
  };
}

describe("the status stream", () => {
  let engine: Engine;
  const feed = new ChangeFeed();
  let deps: StreamDeps;
  before(async () => {
    engine = await startEngine(() => openDatabase({ memory: true }));
    await feed.start(engine.handle);
    deps = {
      db: engine.deps.db,
      now: engine.deps.now,
      feed,
      read: (id) => findCheckoutStatus(engine.deps.db, id, { cached: feed.live }),
    };
  });
  after(async () => {
    await feed.stop();
    await engine.close();
  });

  it("sends the status at once, then each change of this checkout, and ends after a final state", async () => {
    const { checkout } = await engine.checkout();
    const { checkout: other } = await engine.checkout();
    const stream = (await openStatusStream(deps, checkout.id, new AbortController().signal))!;
    const events = reader(stream);
    assert.equal(((await events.next()) as { state: string }).state, "awaiting_payment");
    const db = engine.deps.db;
    // Another checkout's change, and bookkeeping this page does not show: nothing is sent for either.
    await db.update(checkouts).set({ state: "expired", version: 9 }).where(eq(checkouts.id, other.id));
    await db.update(checkouts).set({ nextCheckAt: new Date() }).where(eq(checkouts.id, checkout.id));
    await db
      .update(checkouts)
      .set({ state: "underpaid", amountPaid: "0.00001", version: sql`${checkouts.version} + 1` })
      .where(eq(checkouts.id, checkout.id));
    const underpaid = await events.next();
    assert.ok(underpaid !== "end");
    assert.equal(underpaid.state, "underpaid");
    assert.equal(underpaid.payment, null, "no pay currency yet, so no payment summary");
    await db
      .update(checkouts)
      .set({ state: "paid", version: sql`${checkouts.version} + 1` })
      .where(eq(checkouts.id, checkout.id));
    assert.equal(((await events.next()) as { state: string }).state, "paid");
    assert.equal(await events.next(), "end", "a final state ends the stream");
    assert.equal(openStreamCount(), 0);
  });

  it("answers null for a checkout that does not exist, and ends when the page leaves or at shutdown", async () => {
    assert.equal(await openStatusStream(deps, "co_aaaaaaaaaaaaaaaaaaaaaaaaaa", new AbortController().signal), null);
    const { checkout } = await engine.checkout();
    const leaving = new AbortController();
    const first = reader((await openStatusStream(deps, checkout.id, leaving.signal))!);
    const second = reader((await openStatusStream(deps, checkout.id, new AbortController().signal))!);
    await first.next();
    await second.next();
    assert.equal(openStreamCount(), 2);
    leaving.abort();
    assert.equal(await first.next(), "end");
    assert.equal(openStreamCount(), 1);
    endAllStreams();
    assert.equal(await second.next(), "end");
    assert.equal(openStreamCount(), 0);
    assert.equal(feed.watched, 0, "no subscription is left behind");
  });

  it("ends when the feed can no longer vouch for every change, so the page polls", async () => {
    const gappy = new ChangeFeed();
    await gappy.start(engine.handle);
    const { checkout } = await engine.checkout();
    const events = reader(
      (await openStatusStream({ ...deps, feed: gappy }, checkout.id, new AbortController().signal))!,
    );
    await events.next();
    await gappy.stop();
    assert.equal(await events.next(), "end");
  });
});
