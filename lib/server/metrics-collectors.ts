/**
 * The metrics read at scrape time from what the app already keeps (lib/observability/metrics.ts
 * has the counters): checkouts by state, the webhook backlog, the reconciler's lag, Bitfinex's
 * request queue and which rails work. Registered once per process, on the first scrape.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { checkouts } from "../db/schema";
import { notificationHealth } from "../notifications/queries";
import { registerReadGauge } from "../observability/metrics";
import { getBitfinex } from "./bitfinex-client";
import { getRailsMonitor, getServices } from "./services";

export function registerCollectors(): void {
  registerReadGauge("checkouts", "Checkouts in the database, by state.", ["state"], async () => {
    const { handle } = await getServices();
    const rows = await handle.db
      .select({ state: checkouts.state, n: sql<number>`count(*)::int` })
      .from(checkouts)
      .groupBy(checkouts.state);
    return rows.map((r) => ({ labels: { state: r.state }, value: Number(r.n) }));
  });
  registerReadGauge(
    "webhook_events",
    "Merchant webhook events not delivered, by status (pending: still being tried; failed: given up).",
    ["status"],
    async () => {
      const { handle } = await getServices();
      const h = await notificationHealth(handle.db);
      return [
        { labels: { status: "pending" }, value: h.pending },
        { labels: { status: "failed" }, value: h.failed },
      ];
    },
  );
  registerReadGauge(
    "webhook_oldest_pending_seconds",
    "Age of the oldest merchant webhook event not yet delivered (0: none waiting).",
    [],
    async () => {
      const { handle } = await getServices();
      return [{ labels: {}, value: (await notificationHealth(handle.db)).oldestPendingSeconds }];
    },
  );
  registerReadGauge(
    "reconciler_lag_seconds",
    "How far behind schedule the most overdue check of an open checkout is.",
    [],
    async () => {
      const { reconciler } = await getServices();
      return [{ labels: {}, value: await reconciler.lagSeconds() }];
    },
  );
  registerReadGauge(
    "reconciler_last_tick_age_seconds",
    "Seconds since this instance's reconciler last ran (absent on an instance that does not hold the reconciler lock).",
    [],
    async () => {
      const { reconciler } = await getServices();
      if (reconciler.lastTickAt === null) return [];
      return [{ labels: {}, value: Math.max(0, (Date.now() - reconciler.lastTickAt) / 1000) }];
    },
  );
  registerReadGauge(
    "bitfinex_queue_depth",
    "Bitfinex requests waiting in this instance's queue (one is sent at a time, in nonce order).",
    [],
    async () => [{ labels: {}, value: getBitfinex().transport.stats().queued }],
  );
  registerReadGauge("rail_available", "1 when a rail can take payments now, 0 when not.", ["rail"], async () => {
    const rails = await getRailsMonitor().current({ fresh: false });
    return [
      { labels: { rail: "pay" }, value: rails.pay.available ? 1 : 0 },
      { labels: { rail: "lightning" }, value: rails.lightning.available ? 1 : 0 },
    ];
  });
}
