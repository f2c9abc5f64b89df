/**
 * The database schema (PostgreSQL; the same SQL runs on embedded PGlite and on a server).
 * Amounts are `numeric`, which Postgres keeps exact and drizzle returns as strings.
 * Change it with `npm run db:generate`, which writes a new migration under lib/db/migrations.
 */
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { CheckoutState } from "../checkouts/state-machine";

export const checkouts = pgTable(
  "checkouts",
  {
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
    customerInfo: jsonb("customer_info"),
    metadata: jsonb("metadata"),
    state: text("state").$type<CheckoutState>().notNull().default("awaiting_payment"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("checkouts_state_idx").on(t.state), index("checkouts_order_id_idx").on(t.orderId), index("checkouts_created_at_idx").on(t.createdAt)],
);

/** Every state change of a checkout, in order: the timeline the dashboard shows. */
export const checkoutTransitions = pgTable(
  "checkout_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkouts.id),
    fromState: text("from_state").$type<CheckoutState>().notNull(),
    toState: text("to_state").$type<CheckoutState>().notNull(),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("checkout_transitions_checkout_idx").on(t.checkoutId, t.id)],
);

/** Merchant API idempotency: a repeated request with the same key gets the first answer. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    checkoutId: text("checkout_id").references(() => checkouts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex("idempotency_keys_scope_key_idx").on(t.scope, t.key)],
);
