/**
 * The audit log: who did what, when, from which address, and what changed. Append-only: this
 * module inserts and reads; nothing in the code updates or deletes a row (audit.test.ts checks
 * every file under lib/ and app/). Recording never throws into the action it describes: a write
 * that fails is logged loudly instead, so the audit log cannot stop a refund half-way.
 *
 * To record from a dashboard API route, use the `audit` the route is handed by dashboardRoute
 * (lib/auth/session.ts): it fills in the signed-in user and their address.
 */
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/connect";
import { auditEvents } from "../db/schema";
import { csvRow } from "../dashboard/csv";
import { log } from "../observability/log";

/** Every action the log knows, so a filter can offer them and a typo is a type error. */
export const AUDIT_ACTIONS = [
  "signin.succeeded",
  "signin.failed",
  "signout",
  "user.added",
  "user.removed",
  "user.role_changed",
  "user.password_changed",
  "user.changed",
  "totp.enrolled",
  "totp.removed",
  "recovery_code.used",
  "passkey.registered",
  "passkey.removed",
  "passkey.used",
  "refund.asked",
  "refund.approved",
  "refund.sent",
  "refund.unknown",
  "refund.settled",
  "refund.failed",
  "refund.refused",
  "refund.claim_offered",
  "refund.claimed",
  "refund.claim_cancelled",
  "api_key.created",
  "api_key.revoked",
  "webhook_secret.rotated",
  "webhook_endpoint.changed",
  "setting.changed",
  "link.created",
  "link.changed",
  "checkout.created",
  "checkout.expired",
  "checkout.completed",
  "access.denied",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  /** A user's id; "api:<key id>" for a merchant API key; "system" for the app itself. */
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: "system", name: "system" };

export interface AuditEntry {
  actor: AuditActor;
  /** The client's address (lib/net/client-address.ts), or null when there is none (the app itself). */
  address: string | null;
  action: AuditAction;
  subject?: string | null;
  /** What changed: small JSON (field → new value, or {from, to}). Never a secret or a password. */
  details?: Record<string, unknown> | null;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string;
  actorName: string;
  address: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

/** Appends one entry. Never throws: a failed write is logged (with the entry) and reported false. */
export async function recordAudit(db: Db, entry: AuditEntry, now: number = Date.now()): Promise<boolean> {
  try {
    await db.insert(auditEvents).values({
      at: new Date(now),
      actorId: entry.actor.id.slice(0, 200),
      actorName: entry.actor.name.slice(0, 200),
      address: entry.address?.slice(0, 100) ?? null,
      action: entry.action,
      subject: entry.subject?.slice(0, 200) ?? null,
      details: entry.details ?? null,
    });
    return true;
  } catch (e) {
    log().error(
      `audit: could not record ${entry.action} by ${entry.actor.id} (${entry.subject ?? "-"}): ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}

export interface AuditFilter {
  action?: string;
  /** Matches the actor's name or id, the subject, or the address (case-insensitive, part of). */
  text?: string;
  from?: Date;
  to?: Date;
  /** Rows with an id below this (paging backwards). */
  before?: number;
  limit?: number;
}

function where(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.action) parts.push(eq(auditEvents.action, filter.action));
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      or(
        ilike(auditEvents.actorName, like),
        ilike(auditEvents.actorId, like),
        ilike(auditEvents.subject, like),
        ilike(auditEvents.address, like),
      )!,
    );
  }
  if (filter.from) parts.push(gte(auditEvents.at, filter.from));
  if (filter.to) parts.push(lt(auditEvents.at, filter.to));
  if (filter.before) parts.push(lt(auditEvents.id, filter.before));
  return parts.length ? and(...parts) : undefined;
}

/** Newest first. */
export async function listAudit(db: Db, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 10_000);
  const rows = await db.select().from(auditEvents).where(where(filter)).orderBy(desc(auditEvents.id)).limit(limit);
  return rows as AuditRow[];
}

export async function countAudit(db: Db, filter: AuditFilter = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(where(filter));
  return Number(row?.n ?? 0);
}

export const AUDIT_CSV_HEADER = ["id", "at", "actor_id", "actor", "address", "action", "subject", "details"];

/** Spreadsheet-safe CSV (every field quoted; a cell that would run as a formula is defused). */
export function auditCsv(rows: readonly AuditRow[]): string {
  let out = csvRow(AUDIT_CSV_HEADER);
  for (const r of rows) {
    out += csvRow([
      r.id,
      r.at.toISOString(),
      r.actorId,
      r.actorName,
      r.address,
      r.action,
      r.subject,
      r.details ? JSON.stringify(r.details) : null,
    ]);
  }
  return out;
}

/** The dashboard's filter from a query string (?action=&q=&from=&to=); anything malformed is left out. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  const action = params.get("action");
  if (action && (AUDIT_ACTIONS as readonly string[]).includes(action)) filter.action = action;
  const text = params.get("q")?.trim();
  if (text) filter.text = text.slice(0, 100);
  for (const key of ["from", "to"] as const) {
    const value = params.get(key);
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const day = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(day.getTime())) filter[key] = key === "to" ? new Date(day.getTime() + 86_400_000) : day;
    }
  }
  return filter;
}
