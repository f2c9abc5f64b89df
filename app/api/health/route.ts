// GET /api/health — liveness plus the mode and which payment rails work (and why not).
import { getBitfinex } from "@/lib/bitfinex/server";
import { getConfig } from "@/lib/env";
import { notificationHealth } from "@/lib/notifications/queries";
import { getWebhookUrl } from "@/lib/notifications/settings";
import { getRailsMonitor, getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = getConfig();
  const client = getBitfinex();
  // ?fresh re-probes Bitfinex at once. In live mode a visitor may not force it more than every
  // 5 s: probes spend the same rate budget as customers' payments.
  const fresh = new URL(request.url).searchParams.has("fresh") && (config.mode === "sandbox" || getRailsMonitor().ageMs() > 5_000);
  const rails = await getRailsMonitor().current({ fresh });
  const errors = client.transport.recentErrors();
  const reconciler = await reconcilerHealth();
  const notifications = await notificationsHealth();
  return Response.json(
    {
      status: rails.pay.available || rails.lightning.available ? "ok" : "degraded",
      mode: config.mode,
      rails,
      bitfinex: { errorsLastHour: errors.length, ...client.transport.stats() },
      reconciler,
      notifications,
    },
    { headers: { "cache-control": "no-store" } },
  );
}

/** Whether this instance reconciles (or another one does), and how far behind the checks are. */
async function reconcilerHealth() {
  try {
    const { reconciler } = await getServices();
    return {
      lastTickAt: reconciler.lastTickAt === null ? null : new Date(reconciler.lastTickAt).toISOString(),
      lagSeconds: await reconciler.lagSeconds(),
      lastError: reconciler.lastError,
    };
  } catch {
    return { lastTickAt: null, lagSeconds: null, lastError: "the database is not available" };
  }
}

/** Merchant notifications waiting or given up on, and whether they have anywhere to go. */
async function notificationsHealth() {
  try {
    const { handle, config } = await getServices();
    const [counts, { url }] = await Promise.all([notificationHealth(handle.db), getWebhookUrl(handle.db, config.merchantWebhookUrl)]);
    return { ...counts, configured: url !== null };
  } catch {
    return { pending: null, failed: null, oldestPendingSeconds: null, configured: null };
  }
}
