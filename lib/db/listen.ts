/**
 * LISTEN on a PostgreSQL channel from a connection of its own, for as long as the app runs.
 *
 * Announcements (NOTIFY) are not stored: any that come while the connection is down are lost for
 * good. So the listener says when it cannot vouch for having heard everything (`live(false)`: the
 * connection dropped, or a ping went unanswered) and when it can again (`live(true)`: a fresh
 * connection is listening). What a caller keeps from announcements must be dropped on both.
 * Reconnects with backoff (0.5 s doubling to 10 s) until stopped.
 */
import type { Client } from "pg";
import { log } from "../observability/log";

export interface ListenHandlers {
  message(payload: string): void;
  /** true once a connection listens; false as soon as announcements may have been missed. */
  live(isLive: boolean): void;
}

const PING_MS = 10_000;
const PING_TIMEOUT_MS = 5_000;
const MAX_RETRY_MS = 10_000;

export function listenPostgres(url: string, channel: string, handlers: ListenHandlers): () => Promise<void> {
  let stopped = false;
  let current: Client | null = null;
  let ping: NodeJS.Timeout | undefined;
  let retryMs = 500;
  let retry: NodeJS.Timeout | undefined;

  const lost = (client: Client, why: string) => {
    if (current !== client) return;
    current = null;
    clearInterval(ping);
    handlers.live(false);
    client.end().catch(() => {});
    if (stopped) return;
    log().warn(`postgres: stopped hearing "${channel}" (${why}); reconnecting`);
    schedule();
  };

  const schedule = () => {
    retry = setTimeout(() => void connect(), retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    if (stopped) return;
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    client.on("error", (e) => lost(client, e.message));
    client.on("end", () => lost(client, "connection ended"));
    client.on("notification", (n) => {
      if (current === client && n.channel === channel && n.payload !== undefined) handlers.message(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (e) {
      client.end().catch(() => {});
      if (!stopped) {
        log().warn(`postgres: cannot listen on "${channel}" (${e instanceof Error ? e.message : e}); retrying`);
        schedule();
      }
      return;
    }
    if (stopped) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    retryMs = 500;
    // A connection that died silently (a network partition) sends no 'end'; an unanswered ping finds it.
    ping = setInterval(() => {
      const timeout = setTimeout(() => lost(client, "ping unanswered"), PING_TIMEOUT_MS);
      client.query("select 1").then(
        () => clearTimeout(timeout),
        (e) => {
          clearTimeout(timeout);
          lost(client, e instanceof Error ? e.message : String(e));
        },
      );
    }, PING_MS);
    ping.unref();
    handlers.live(true);
  };

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(ping);
    const client = current;
    current = null;
    if (client) {
      handlers.live(false);
      await client.end().catch(() => {});
    }
  };
}
