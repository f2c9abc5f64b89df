/**
 * The app's full health, for the dashboard's health page (GET /api/health answers the fixed-vocabulary
 * subset in public-health.ts, never this object): mode, which rails work
 * (and why not), Bitfinex errors in the last hour, the reconciler's lag, notifications waiting,
 * and how fresh the last Lightning rate was.
 */
import "server-only";
import { desc, isNotNull } from "drizzle-orm";
import { getBitfinex } from "./bitfinex-client";
import { listRejectedEntries, listUnknownWords, unknownWordText } from "../checkouts/upstream-words";
import { checkoutInvoices } from "../db/schema";
import { getConfig } from "../env";
import { notificationHealth } from "../notifications/queries";
import { getWebhookUrl } from "../notifications/settings";
import { getRailsMonitor, getServices } from "./services";
import { healthVerdict } from "./health-problems";
import { bitfinexWebhookUrl } from "../checkouts/rails/pay-rail";

export async function healthReport({ fresh }: { fresh: boolean }) {
  const config = getConfig();
  const client = getBitfinex();
  const monitored = await getRailsMonitor().current({ fresh });
  const errors = client.transport.recentErrors();
  const [reconciler, notifications, lastRate, goLive, unknownAnswers, rejectedEntries] = await Promise.all([
    reconcilerHealth(),
    notificationsHealth(),
    lastRateAt(),
    goLiveHealth(),
    unknownAnswersHealth(),
    rejectedEntriesHealth(),
  ]);
  // Lightning works only with an LNX deposit address (Bitfinex's Lightning invoices are deposits to it).
  const lnxMissing = goLive?.depositAddresses.missing.find((m) => m.method === "LNX");
  const rails = lnxMissing
    ? {
        ...monitored,
        lightning: {
          ...monitored.lightning,
          available: false,
          reason: null,
          detail: `no LNX deposit address (${lnxMissing.reason})`,
        },
      }
    : monitored;
  const verdict = healthVerdict({
    mode: config.mode,
    appUrl: config.appUrl,
    railsAvailable: { pay: rails.pay.available, lightning: rails.lightning.available },
    goLive,
    webhookConfigured: notifications.configured,
    bitfinexWebhook: bitfinexWebhookUrl(config) !== undefined,
  });
  return {
    status: verdict.status,
    problems: verdict.problems,
    warnings: verdict.warnings,
    mode: config.mode,
    /** Where the Bitfinex API is (BFX_API_URL), as a host: the health page says it. */
    bitfinexHost: new URL(config.bitfinex.restUrl).host,
    rails,
    railsCheckedSecondsAgo: Math.round(getRailsMonitor().ageMs() / 1000),
    bitfinex: { errorsLastHour: errors.length, ...client.transport.stats(), unknownAnswers, rejectedEntries },
    lastLightningRateAt: lastRate,
    reconciler,
    notifications,
    goLive,
  };
}

/**
 * Whether the Bitfinex account is ready for real customers: the key's scopes and a deposit
 * address per offered pay currency (lib/rail-health/go-live.ts). Names what is missing; the reasons
 * Bitfinex gave stay in `depositAddresses.missing[].reason`.
 */
async function goLiveHealth() {
  try {
    const { goLive } = await getServices();
    return goLive.current();
  } catch {
    return null;
  }
}

/** Answers from Bitfinex the app does not know (lib/checkouts/upstream-words.ts), with the merchant's sentence. */
async function unknownAnswersHealth() {
  try {
    const { handle } = await getServices();
    return (await listUnknownWords(handle.db)).map((w) => ({ ...w, text: unknownWordText(w) }));
  } catch {
    return [];
  }
}

/** Invoice entries from Bitfinex not shown to customers (lib/checkouts/rails/entry-check.ts), newest first. */
async function rejectedEntriesHealth() {
  try {
    const { handle } = await getServices();
    return (await listRejectedEntries(handle.db)).reverse();
  } catch {
    return [];
  }
}

/** When the last BTC rate was taken for a Lightning invoice (null: none yet). */
async function lastRateAt(): Promise<string | null> {
  try {
    const { handle } = await getServices();
    const [row] = await handle.db
      .select({ at: checkoutInvoices.rateAt })
      .from(checkoutInvoices)
      .where(isNotNull(checkoutInvoices.rateAt))
      .orderBy(desc(checkoutInvoices.rateAt))
      .limit(1);
    return row?.at?.toISOString() ?? null;
  } catch {
    return null;
  }
}

/** Whether this instance reconciles (or another one does), and how far behind the checks are. */
async function reconcilerHealth() {
  try {
    const { reconciler } = await getServices();
    return {
      lastTickAt: reconciler.lastTickAt === null ? null : new Date(reconciler.lastTickAt).toISOString(),
      lagSeconds: await reconciler.lagSeconds(),
      lastError: reconciler.lastError,
      // A code for the public answer (lib/server/public-health.ts); the text stays here.
      errorCode: reconciler.lastError === null ? null : ("tick_failed" as const),
    };
  } catch {
    return {
      lastTickAt: null,
      lagSeconds: null,
      lastError: "the database is not available",
      errorCode: "database_unavailable" as const,
    };
  }
}

/** Merchant notifications waiting or given up on, and whether they have anywhere to go. */
async function notificationsHealth() {
  try {
    const { handle, config } = await getServices();
    const [counts, { url }] = await Promise.all([
      notificationHealth(handle.db),
      getWebhookUrl(handle.db, config.merchantWebhookUrl),
    ]);
    return { ...counts, configured: url !== null };
  } catch {
    return { pending: null, failed: null, oldestPendingSeconds: null, configured: null };
  }
}
