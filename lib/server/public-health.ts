/**
 * What GET /api/health tells anyone who asks: a fixed vocabulary picked field by field from the
 * full report (health-report.ts), never the report itself. The full report carries texts (a rail's
 * detail, the reconciler's last error) that can hold a database error's SQL, host and user; those
 * stay on the signed-in dashboard health page and in the logs. Fields added to the full report
 * later stay private until they are mapped here on purpose.
 */
import "server-only";
import type { BitfinexErrorKind } from "../bitfinex/errors";
import { REQUIRED_SCOPES, type CheckStatus, type GoLiveReport } from "../rails/go-live";
import type { healthReport } from "./health-report";

type HealthReport = Awaited<ReturnType<typeof healthReport>>;

/** Reasons a rail may give publicly (BitfinexError kinds); anything else is reported as "upstream". */
const RAIL_REASONS: ReadonlySet<BitfinexErrorKind> = new Set(["auth", "permission", "nonce", "rate_limited", "invalid_request", "pay_unavailable", "maintenance", "timeout", "network", "malformed", "upstream"]);
const RECONCILER_ERRORS = new Set(["tick_failed", "database_unavailable"] as const);
type ReconcilerError = typeof RECONCILER_ERRORS extends Set<infer T> ? T : never;

export interface PublicHealth {
  status: "ok" | "degraded";
  mode: "sandbox" | "live";
  rails: Record<"pay" | "lightning", { available: boolean; reason: BitfinexErrorKind | null }>;
  railsCheckedSecondsAgo: number | null;
  bitfinex: { errorsLastHour: number | null; queued: number | null };
  lastLightningRateAt: string | null;
  reconciler: { lastTickAt: string | null; lagSeconds: number | null; error: ReconcilerError | null };
  notifications: { pending: number | null; failed: number | null; oldestPendingSeconds: number | null; configured: boolean | null };
  /** The go-live checks as codes: scope names and pay currencies, never Bitfinex's reasons (those are on the dashboard). */
  goLive: {
    checkedAt: string | null;
    permissions: { status: CheckStatus; missing: string[]; problem: BitfinexErrorKind | "error" | null };
    depositAddresses: { status: CheckStatus; ready: string[]; pending: string[]; missing: Array<{ payCurrency: string; method: string }> };
  } | null;
}

const count = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const flag = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
/** An ISO timestamp, re-printed from a parsed date so that no other text can pass as one. */
const isoTime = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
};

const CHECK_STATUSES: ReadonlySet<CheckStatus> = new Set(["ok", "missing", "checking", "unknown"]);
const SCOPES = new Set(REQUIRED_SCOPES.flatMap((s) => [`${s}:read`, `${s}:write`]));
/** Pay currency symbols and Bitfinex deposit method names: short upper-case codes. */
const CODE = /^[A-Z0-9][A-Z0-9-]{0,23}$/;
const status = (v: unknown): CheckStatus => (CHECK_STATUSES.has(v as CheckStatus) ? (v as CheckStatus) : "unknown");
const codes = (list: unknown): string[] => (Array.isArray(list) ? list.filter((c): c is string => typeof c === "string" && CODE.test(c)) : []);

function goLive(report: GoLiveReport | null | undefined): PublicHealth["goLive"] {
  if (!report) return null;
  const problem = report.permissions.problem;
  return {
    checkedAt: isoTime(report.checkedAt),
    permissions: {
      status: status(report.permissions.status),
      missing: report.permissions.missing.filter((s) => SCOPES.has(s)),
      problem: problem === null ? null : RAIL_REASONS.has(problem as BitfinexErrorKind) ? (problem as BitfinexErrorKind) : "error",
    },
    depositAddresses: {
      status: status(report.depositAddresses.status),
      ready: codes(report.depositAddresses.ready),
      pending: codes(report.depositAddresses.pending),
      missing: report.depositAddresses.missing.filter((m) => CODE.test(m.payCurrency) && CODE.test(m.method)).map((m) => ({ payCurrency: m.payCurrency, method: m.method })),
    },
  };
}

function rail(state: { available: boolean; reason: BitfinexErrorKind | null }) {
  const reason = state.reason === null ? null : RAIL_REASONS.has(state.reason) ? state.reason : "upstream";
  return { available: state.available === true, reason };
}

export function publicHealth(report: HealthReport): PublicHealth {
  const errorCode = report.reconciler.errorCode;
  return {
    status: report.status === "ok" ? "ok" : "degraded",
    mode: report.mode === "live" ? "live" : "sandbox",
    rails: { pay: rail(report.rails.pay), lightning: rail(report.rails.lightning) },
    railsCheckedSecondsAgo: count(report.railsCheckedSecondsAgo),
    bitfinex: { errorsLastHour: count(report.bitfinex.errorsLastHour), queued: count(report.bitfinex.queued) },
    lastLightningRateAt: isoTime(report.lastLightningRateAt),
    reconciler: {
      lastTickAt: isoTime(report.reconciler.lastTickAt),
      lagSeconds: count(report.reconciler.lagSeconds),
      error: errorCode && RECONCILER_ERRORS.has(errorCode) ? errorCode : null,
    },
    notifications: {
      pending: count(report.notifications.pending),
      failed: count(report.notifications.failed),
      oldestPendingSeconds: count(report.notifications.oldestPendingSeconds),
      configured: flag(report.notifications.configured),
    },
    goLive: goLive(report.goLive),
  };
}
