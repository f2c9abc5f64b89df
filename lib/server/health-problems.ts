/**
 * What keeps the app from taking real payments, as a closed list of codes (GET /api/health may
 * show them) each with a sentence for the signed-in health page. Any problem makes the overall
 * status "degraded"; warnings are said, but the app can take payments with them.
 */
import type { GoLiveReport } from "../rail-health/go-live";
import type { Mode } from "../env";

export const HEALTH_PROBLEMS = ["no_rail", "key_permissions", "deposit_addresses"] as const;
export type HealthProblem = (typeof HEALTH_PROBLEMS)[number];
export const HEALTH_WARNINGS = ["bitfinex_webhook_off", "webhook_url_missing"] as const;
export type HealthWarning = (typeof HEALTH_WARNINGS)[number];

export interface HealthFacts {
  mode: Mode;
  appUrl: string;
  railsAvailable: { pay: boolean; lightning: boolean };
  goLive: GoLiveReport | null;
  /** Whether merchant webhooks have somewhere to go (null: unknown, the database is down). */
  webhookConfigured: boolean | null;
  /** Whether Bitfinex is given a webhook URL (lib/checkouts/rails/pay-rail.ts bitfinexWebhookUrl). */
  bitfinexWebhook: boolean;
}

export interface HealthVerdict {
  status: "ok" | "degraded";
  problems: Array<{ code: HealthProblem; message: string }>;
  warnings: Array<{ code: HealthWarning; message: string }>;
}

export function healthVerdict(f: HealthFacts): HealthVerdict {
  const problems: HealthVerdict["problems"] = [];
  const warnings: HealthVerdict["warnings"] = [];
  if (!f.railsAvailable.pay && !f.railsAvailable.lightning)
    problems.push({
      code: "no_rail",
      message: "Neither Bitfinex Pay nor Lightning is available: no customer can pay.",
    });
  if (f.goLive?.permissions.status === "missing")
    problems.push({
      code: "key_permissions",
      message: `The Bitfinex API key lacks ${f.goLive.permissions.missing.join(", ")}.`,
    });
  const missing = f.goLive?.depositAddresses.missing ?? [];
  if (missing.length > 0)
    problems.push({
      code: "deposit_addresses",
      message: `No deposit address for ${missing.map((m) => m.payCurrency).join(", ")}: not offered to customers until there is one.`,
    });
  if (f.mode === "live" && !f.bitfinexWebhook)
    warnings.push({
      code: "bitfinex_webhook_off",
      message: `APP_URL (${f.appUrl}) is not a public https:// address, so Bitfinex's webhook is off: payments are seen by polling only, a few seconds later.`,
    });
  if (f.mode === "live" && f.webhookConfigured === false)
    warnings.push({
      code: "webhook_url_missing",
      message: "No merchant webhook URL is set: your shop is not told of payments (events wait until one is set).",
    });
  return { status: problems.length ? "degraded" : "ok", problems, warnings };
}
