/**
 * Test-only: a merchant endpoint on 127.0.0.1 that records what it receives and can be told to
 * misbehave (answer 500, redirect, hang, or be down altogether), a clock the test moves, and
 * checkouts seeded straight into the database and moved through the real repository (so their
 * events come from the real outbox write).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { changeCheckout, type CheckoutRow } from "../../lib/checkouts/repository";
import type { CheckoutState } from "../../lib/checkouts/state-machine";
import type { Db, DbHandle } from "../../lib/db/connect";
import { openDatabase } from "../../lib/db/connect";
import { notificationEvents } from "../../lib/db/schema";
import { checkoutsTable as checkouts } from "../../lib/db/checkout-tables";
import { newId } from "../../lib/ids";
import { createTestDatabase, type DbTarget } from "./checkout-harness";

export const APP_URL = "https://checkout.test";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  eventId: string;
}

/** What the endpoint does with a request: a status code (now or after a delay), "hang" (never answer) or a redirect. */
export type Behaviour = number | "hang" | { redirect: string } | { status: number; delayMs: number };

export interface Receiver {
  url: string;
  /** Requests to the webhook path, in arrival order (including those it then failed). */
  received: Received[];
  /** Requests to any other path (a followed redirect would land here). */
  others: string[];
  /** Decides the answer per request; default 200 for everything. */
  behave(fn: (req: Received) => Behaviour): void;
  /** Closes the port (connections are refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves when `n` webhook requests have arrived (bounded by `timeoutMs`). */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const others: string[] = [];
  const held: ServerResponse[] = [];
  let decide: (req: Received) => Behaviour = () => 200;
  const handler = (req: import("node:http").IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      if (path !== "/hooks") {
        others.push(path);
        res.writeHead(200).end("{}");
        return;
      }
      const entry: Received = {
        path,
        headers: req.headers,
        body,
        eventId: String(req.headers["bitfinex-checkout-event-id"] ?? ""),
      };
      received.push(entry);
      const behaviour = decide(entry);
      if (behaviour === "hang") held.push(res);
      else if (typeof behaviour === "number")
        res.writeHead(behaviour, { "content-type": "application/json" }).end("{}");
      else if ("redirect" in behaviour) res.writeHead(302, { location: behaviour.redirect }).end();
      else
        setTimeout(
          () => res.writeHead(behaviour.status, { "content-type": "application/json" }).end("{}"),
          behaviour.delayMs,
        );
    });
  };
  let server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const shut = async () => {
    for (const res of held.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  let isUp = true;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    others,
    behave(fn) {
      decide = fn;
    },
    async down() {
      if (!isUp) return;
      isUp = false;
      await shut();
    },
    async up() {
      if (isUp) return;
      server = createServer(handler);
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      isUp = true;
    },
    async waitForRequests(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${n} requests, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      if (isUp) await shut();
      isUp = false;
    },
  };
}

/** A clock the test moves: starts at the real time, never moves by itself. */
export function testClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** A checkout row straight into the database (no sandbox needed to exercise notifications). */
export async function seedCheckout(
  db: Db,
  now: number,
  overrides: Partial<typeof checkouts.$inferInsert> = {},
): Promise<CheckoutRow> {
  const [row] = await db
    .insert(checkouts)
    .values({
      id: newId("co"),
      orderId: `order-${Math.random().toString(36).slice(2, 8)}`,
      amount: "25",
      currency: "USD",
      payCurrencies: ["BTC", "LNX"],
      type: "POS",
      durationSeconds: 900,
      expiresAt: new Date(now + 900_000),
      createdAt: new Date(now),
      updatedAt: new Date(now),
      ...overrides,
    })
    .returning();
  return row!;
}

/** Moves a checkout through `steps` with the real repository (each step writes its event). */
export async function move(db: Db, id: string, now: number, ...steps: CheckoutState[]): Promise<CheckoutRow> {
  const row = await changeCheckout(
    db,
    id,
    () => now,
    () => ({ steps, reason: "test" }),
    { appUrl: APP_URL, mode: "sandbox" },
  );
  return row!;
}

export async function eventsOf(db: Db, checkoutId: string) {
  return db
    .select()
    .from(notificationEvents)
    .where(eq(notificationEvents.checkoutId, checkoutId))
    .orderBy(notificationEvents.sequence);
}

export async function findEvent(db: Db, id: string) {
  const [row] = await db.select().from(notificationEvents).where(eq(notificationEvents.id, id));
  return row!;
}

/**
 * Two handles on one database, as two app instances would have: two pools on one PostgreSQL
 * database, or on PGlite (one process, one connection) the same handle twice.
 */
export async function twoHandles(
  target: DbTarget,
): Promise<{ first: DbHandle; second: DbHandle; close(): Promise<void> }> {
  const [name, open] = target;
  const url = process.env.TEST_DATABASE_URL;
  if (name === "PostgreSQL" && url) {
    const database = await createTestDatabase(url);
    const first = await openDatabase({ url: database.url });
    const second = await openDatabase({ url: database.url });
    return {
      first,
      second,
      async close() {
        await first.close();
        await second.close();
        await database.drop();
      },
    };
  }
  const handle = await open();
  return { first: handle, second: handle, close: () => handle.close() };
}
