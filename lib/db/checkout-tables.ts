/**
 * The two tables a checkout is made of, `checkouts` and `checkout_invoices`, in two forms:
 *  - `checkoutsTable`, `checkoutInvoicesTable`: the tables themselves, for writing. Only their
 *    repositories (lib/checkouts/store/) import this module (and lib/db/schema.ts, for foreign
 *    keys); `npm run lint:deps` refuses any other importer outside tests.
 *  - `checkouts`, `checkoutInvoices` in lib/db/schema.ts: read-only views of the same tables
 *    (same names, same columns, built from the column definitions here), for every query that
 *    only reads. A view can be selected from and joined, never passed to `db.update`,
 *    `db.insert` or `db.delete`.
 * drizzle-kit reads this file as well as schema.ts (drizzle.config.ts).
 */
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { CustomerInfo, PayAddress } from "../bitfinex/types";
import type { RecordedPayment } from "../checkouts/observation";
import type { CheckoutState } from "../checkouts/state-machine";

export type CheckoutSource = "api" | "dashboard" | "link" | "signed_link" | "pos" | "bfx_plugin" | "greenfield";
export type Rail = "pay" | "lightning";

export const checkoutColumns = {
  id: text("id").primaryKey(),
  orderId: text("order_id").notNull(),
  amount: numeric("amount", { precision: 36, scale: 18 }).notNull(),
  currency: text("currency").notNull(),
  description: text("description"),
  payCurrencies: jsonb("pay_currencies").$type<string[]>().notNull(),
  type: text("type").$type<"ECOMMERCE" | "POS">().notNull(),
  durationSeconds: integer("duration_seconds").notNull(),
  redirectUrl: text("redirect_url"),
  webhookUrl: text("webhook_url"),
  customerInfo: jsonb("customer_info").$type<CustomerInfo>(),
  metadata: jsonb("metadata").$type<Record<string, string>>(),
  state: text("state").$type<CheckoutState>().notNull().default("awaiting_payment"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
  /** Where it came from: api, dashboard, link (a payment link's id in sourceRef), signed_link, pos (the terminal). */
  source: text("source").$type<CheckoutSource>().notNull().default("api"),
  sourceRef: text("source_ref"),
  /**
   * Signed links: the `exp` the link carried (Unix seconds), 0 when it had none; "Start again"
   * refuses once it has passed. Null for checkouts made before this column (restart refused:
   * the customer opens the link again, which checks its exp).
   */
  sourceExp: integer("source_exp"),
  /** Bumped on every change: the status endpoint's ETag, and the guard of compare-and-set updates. */
  version: integer("version").notNull().default(1),
  /** What the customer is paying with, once known: the pay currency symbol and its amounts. */
  payCurrency: text("pay_currency"),
  amountDue: numeric("amount_due", { precision: 36, scale: 18 }),
  amountPaid: numeric("amount_paid", { precision: 36, scale: 18 }),
  confirmations: integer("confirmations"),
  requiredConfirmations: integer("required_confirmations"),
  /** Every payment Bitfinex reported, as it reported it (amounts as decimal strings). */
  payments: jsonb("payments").$type<RecordedPayment[]>(),
  paidAt: timestamp("paid_at", { withTimezone: true }),
  /** What was sent back to the customer (refunds Bitfinex confirmed), in the currency paid; null when none. */
  amountRefunded: numeric("amount_refunded", { precision: 36, scale: 18 }),
  /** When the customer accepted Bitfinex's terms in the details form, and when Bitfinex was told (invoice/update). */
  tosAcceptedAt: timestamp("tos_accepted_at", { withTimezone: true }),
  tosReportedAt: timestamp("tos_reported_at", { withTimezone: true }),
  /** When the reconciler should next ask Bitfinex about this checkout; null when nothing is left to ask. */
  nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
  lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
  /** The language the customer used on the payment page when they started paying (lib/i18n/locales.ts): their receipt's. */
  locale: text("locale"),
};

export const checkoutsTable = pgTable("checkouts", checkoutColumns, (t) => [
  index("checkouts_state_idx").on(t.state),
  index("checkouts_order_id_idx").on(t.orderId),
  index("checkouts_created_at_idx").on(t.createdAt),
  index("checkouts_next_check_idx").on(t.nextCheckAt),
  index("checkouts_source_idx").on(t.source, t.sourceRef),
]);

/**
 * The upstream invoice behind a checkout, at most one per rail (the unique index is what makes
 * starting a payment idempotent across requests and instances). A row is claimed (`creating`)
 * before Bitfinex is called and filled in (`open`) after, so a crash in between is visible.
 */
export const invoiceColumns = {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  checkoutId: text("checkout_id")
    .notNull()
    .references(() => checkoutsTable.id),
  rail: text("rail").$type<Rail>().notNull(),
  status: text("status").$type<"creating" | "open">().notNull(),
  claimToken: text("claim_token").notNull(),
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
  /** Bitfinex's id: the Pay invoice id, or the LNX invoice hash. */
  upstreamId: text("upstream_id"),
  /** Lightning: the BOLT11 payment hash and string. */
  paymentHash: text("payment_hash"),
  paymentRequest: text("payment_request"),
  /** Lightning: the BTC amount, the fiat→BTC rate used and when Bitfinex quoted it. */
  amountBtc: numeric("amount_btc", { precision: 36, scale: 18 }),
  rate: numeric("rate", { precision: 36, scale: 18 }),
  rateSource: text("rate_source"),
  rateAt: timestamp("rate_at", { withTimezone: true }),
  /** Pay: one entry per pay currency (address, amount). */
  addresses: jsonb("addresses").$type<PayAddress[]>(),
  upstreamStatus: text("upstream_status"),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
};

export const checkoutInvoicesTable = pgTable("checkout_invoices", invoiceColumns, (t) => [
  uniqueIndex("checkout_invoices_checkout_rail_idx").on(t.checkoutId, t.rail),
  index("checkout_invoices_upstream_idx").on(t.upstreamId),
  index("checkout_invoices_hash_idx").on(t.paymentHash),
]);
