/**
 * Sandbox-only diagnostic behind GET /sandbox/control/db-digest: for every table, the number of
 * rows and a SHA-256 over their contents, so a test can prove that a batch of requests created or
 * changed nothing (e2e/reliability/hostile-input.spec.ts). Only counts and hashes leave: no data.
 *
 * Left out are the bookkeeping columns that reading a checkout legitimately touches, and nothing
 * else: when the reconciler should look next and last looked (a status poll brings the next look
 * forward, lib/checkouts/watch.ts), and when an API key was last used.
 */
import { createHash } from "node:crypto";
import { getTableColumns, getTableName, getViewName, getViewSelectedFields, is, View } from "drizzle-orm";
import type { PgTable, PgView } from "drizzle-orm/pg-core";
import type { Db } from "../db/connect";
import * as schema from "../db/schema";

const BOOKKEEPING: Record<string, ReadonlySet<string>> = {
  checkouts: new Set(["nextCheckAt", "lastCheckedAt"]),
  api_keys: new Set(["lastUsedAt"]),
};

// checkouts and checkout_invoices are read through their read-only views (lib/db/checkout-tables.ts).
const TABLES: Array<PgTable | PgView> = [
  schema.checkouts,
  schema.checkoutInvoices,
  schema.checkoutTransitions,
  schema.checkoutRefunds,
  schema.refundClaims,
  schema.apiKeys,
  schema.paymentLinks,
  schema.appState,
  schema.idempotencyKeys,
  schema.notificationEvents,
  schema.notificationAttempts,
];

export interface TableDigest {
  rows: number;
  sha256: string;
}

export async function databaseDigest(db: Db): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const table of TABLES) {
    const view = is(table, View);
    const name = view ? getViewName(table as PgView) : getTableName(table as PgTable);
    const skip = BOOKKEEPING[name] ?? new Set<string>();
    const all = view ? getViewSelectedFields(table as PgView) : getTableColumns(table as PgTable);
    const columns = Object.keys(all).filter((c) => !skip.has(c));
    const rows = (await db.select().from(table)) as Array<Record<string, unknown>>;
    const lines = rows.map((row) => JSON.stringify(columns.map((c) => row[c] ?? null))).sort();
    out[name] = { rows: rows.length, sha256: createHash("sha256").update(lines.join("\n")).digest("hex") };
  }
  return out;
}
