/**
 * What GET /api/health tells anyone who asks: a fixed vocabulary picked field by field from the
 * full report (health-report.ts), never the report itself. The full report carries texts (a rail's
 * detail, the reconciler's last error) that can hold a database error's SQL, host and user; those
 * stay on the signed-in dashboard health page and in the logs. Fields added to the full report
 * later stay private until they are mapped here on purpose.
 */
import "server-only";
import type { BitfinexErrorKind } from "../bitfinex/errors";
import { UNKNOWN_ANSWER_CODES } from "../checkouts/upstream-words";
import type { CheckStatus } from "../rail-health/go-live";
import type { healthReport } from "./health-report";
import { HEALTH_PROBLEMS, HEALTH_WARNINGS, type HealthProblem, type HealthWarning } from "./health-problems";

type HealthReport = Awaited<ReturnType<typeof healthReport>>;

/** Reasons a rail may give publicly (BitfinexError kinds); anything else is reported as "upstream". */
const RAIL_REASONS: ReadonlySet<BitfinexErrorKind> = new Set([
  "auth",
  "permission",
  "nonce",
  "rate_limited",
  "invalid_request",
  "pay_unavailable",
  "maintenance",
  "timeout",
  "network",
  "malformed",
  "upstream",
]);
const RECONCILER_ERRORS = new Set(["tick_failed", "database_unavailable"] as const);
type ReconcilerError = typeof RECONCILER_ERRORS extends Set<infer T> ? T : never;

export interface PublicHealth {
  status: "ok" | "degraded";
  /** Why the status is degraded: codes only (README: Going live lists them). */
  problems: HealthProblem[];
  /** Said, but payments work: codes only. */
  warnings: HealthWarning[];
  mode: "sandbox" | "live";
  rails: Record<"pay" | "lightning", { available: boolean; reason: BitfinexErrorKind | null }>;
  railsCheckedSecondsAgo: number | null;
  /** `unknownAnswers`: reason codes for answers Bitfinex gave that the app does not know (e.g. a new Lightning status word). */
  bitfinex: { errorsLastHour: number | null; queued: number | null; unknownAnswers: UnknownAnswerCode[] };
  lastLightningRateAt: string | null;
  reconciler: { lastTickAt: string | null; lagSeconds: number | null; error: ReconcilerError | null };
  notifications: {
    pending: number | null;
    failed: number | null;
    oldestPendingSeconds: number | null;
    configured: boolean | null;
  };
  /** Go-live checks: statuses, scope names and pay-currency symbols only (Bitfinex's reasons stay private). */
  goLive: {
    permissions: { status: CheckStatus; missing: string[] };
    depositAddresses: {
      status: CheckStatus;
      ready: string[];
      missing: Array<{ payCurrency: string; method: string }>;
      pending: string[];
    };
  } | null;
}

type UnknownAnswerCode = (typeof UNKNOWN_ANSWER_CODES)[keyof typeof UNKNOWN_ANSWER_CODES];
/** Codes only, one per kind: the words themselves are Bitfinex's text and stay on the signed-in page. */
function unknownAnswerCodes(list: Array<{ kind: string }> | undefined): UnknownAnswerCode[] {
  const codes = new Set<UnknownAnswerCode>();
  for (const w of list ?? [])
    if (Object.hasOwn(UNKNOWN_ANSWER_CODES, w.kind))
      codes.add(UNKNOWN_ANSWER_CODES[w.kind as keyof typeof UNKNOWN_ANSWER_CODES]);
  return [...codes];
}

const CHECK_STATUSES: ReadonlySet<CheckStatus> = new Set(["ok", "missing", "checking", "unknown"]);
const checkStatus = (v: CheckStatus): CheckStatus => (CHECK_STATUSES.has(v) ? v : "unknown");
/** Scope names such as "settings:read", and pay-currency or method symbols: nothing else passes. */
const WORD = /^[A-Za-z0-9_:-]{1,40}$/;
const words = (list: string[]) => list.filter((w) => WORD.test(w));

function goLive(report: HealthReport["goLive"]): PublicHealth["goLive"] {
  if (!report) return null;
  const d = report.depositAddresses;
  return {
    permissions: { status: checkStatus(report.permissions.status), missing: words(report.permissions.missing) },
    depositAddresses: {
      status: checkStatus(d.status),
      ready: words(d.ready),
      missing: d.missing
        .filter((m) => WORD.test(m.payCurrency) && WORD.test(m.method))
        .map((m) => ({ payCurrency: m.payCurrency, method: m.method })),
      pending: words(d.pending),
    },
  };
}

const count = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const flag = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
/** An ISO timestamp, re-printed from a parsed date so that no other text can pass as one. */
const isoTime = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
};

function rail(state: { available: boolean; reason: BitfinexErrorKind | null }) {
  const reason = state.reason === null ? null : RAIL_REASONS.has(state.reason) ? state.reason : "upstream";
  return { available: state.available === true, reason };
}

export function publicHealth(report: HealthReport): PublicHealth {
  const errorCode = report.reconciler.errorCode;
  return {
    status: report.status === "ok" ? "ok" : "degraded",
    problems: report.problems.map((p) => p.code).filter((c) => (HEALTH_PROBLEMS as readonly string[]).includes(c)),
    warnings: report.warnings.map((w) => w.code).filter((c) => (HEALTH_WARNINGS as readonly string[]).includes(c)),
    mode: report.mode === "live" ? "live" : "sandbox",
    rails: { pay: rail(report.rails.pay), lightning: rail(report.rails.lightning) },
    railsCheckedSecondsAgo: count(report.railsCheckedSecondsAgo),
    bitfinex: {
      errorsLastHour: count(report.bitfinex.errorsLastHour),
      queued: count(report.bitfinex.queued),
      unknownAnswers: unknownAnswerCodes([
        ...(report.bitfinex.unknownAnswers ?? []),
        ...(report.bitfinex.rejectedEntries ?? []).map(() => ({ kind: "rejected_entry" })),
      ]),
    },
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
