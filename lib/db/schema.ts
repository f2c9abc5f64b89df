/**
 * The database schema (PostgreSQL; the same SQL runs on embedded PGlite and on a server).
 * Amounts are `numeric`, which Postgres keeps exact and drizzle returns as strings.
 * Change it with `npm run db:generate`, which writes a new migration under lib/db/migrations.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { CheckoutState } from "../checkouts/state-machine";
import { checkoutColumns, checkoutInvoicesTable, checkoutsTable, invoiceColumns } from "./checkout-tables";

/**
 * `checkouts` and `checkout_invoices` are defined in ./checkout-tables.ts, which only their
 * repositories (lib/checkouts/store/) may import: everyone else reads them through these
 * read-only views of the same tables (`.existing()`: no part of any migration), which a query
 * can select from and join but never write (`db.update(checkouts)` does not compile). `npm run lint:deps` keeps it so (ARCHITECTURE.md).
 */
export const checkouts = pgView("checkouts", checkoutColumns).existing();
export const checkoutInvoices = pgView("checkout_invoices", invoiceColumns).existing();
export type { CheckoutSource, Rail } from "./checkout-tables";

/** Merchant API keys, stored as SHA-256 hashes; the key itself is shown once. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** The first characters, to tell keys apart in a list. */
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    /**
     * What the key may do (lib/merchant/scopes.ts), chosen when it is made and never widened.
     * Null: a key made before scopes existed, which keeps every scope so an upgrade breaks nothing.
     */
    scopes: jsonb("scopes").$type<string[]>(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.hash)],
);

/** Reusable payment links: every visit creates a fresh checkout. */
export const paymentLinks = pgTable("payment_links", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description"),
  /** Null: the customer chooses the amount, between minAmount and maxAmount. */
  amount: numeric("amount", { precision: 36, scale: 18 }),
  minAmount: numeric("min_amount", { precision: 36, scale: 18 }),
  maxAmount: numeric("max_amount", { precision: 36, scale: 18 }),
  /** Customer-chosen links only: amounts offered as buttons (decimal strings; null: none). */
  presetAmounts: jsonb("preset_amounts").$type<string[]>(),
  currency: text("currency").notNull(),
  payCurrencies: jsonb("pay_currencies").$type<string[]>().notNull(),
  type: text("type").$type<"ECOMMERCE" | "POS">().notNull(),
  durationSeconds: integer("duration_seconds").notNull(),
  redirectUrl: text("redirect_url"),
  webhookUrl: text("webhook_url"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/** Small facts the app remembers: the LNX deposit address, the link-signing secret. */
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/** Every state change of a checkout, in order: the timeline the dashboard shows. */
export const checkoutTransitions = pgTable(
  "checkout_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkoutsTable.id),
    fromState: text("from_state").$type<CheckoutState>().notNull(),
    toState: text("to_state").$type<CheckoutState>().notNull(),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
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
    checkoutId: text("checkout_id").references(() => checkoutsTable.id),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [uniqueIndex("idempotency_keys_scope_key_idx").on(t.scope, t.key)],
);

/**
 * Refunds of a checkout. A row is written (`sending`) before Bitfinex is called, so a refund is
 * never sent without a record of it; the partial unique index allows one refund in flight (or of
 * unknown outcome) per checkout, so two requests, two instances or a retry after a crash can never
 * both send. The idempotency pair is unique too: the same Idempotency-Key finds the same refund.
 */
export const checkoutRefunds = pgTable(
  "checkout_refunds",
  {
    id: text("id").primaryKey(),
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkoutsTable.id),
    status: text("status").$type<RefundStatus>().notNull(),
    /** Decimal, in `currency` (Bitfinex's currency of the payment, e.g. "BTC", "UST"). */
    amount: numeric("amount", { precision: 36, scale: 18 }).notNull(),
    currency: text("currency").notNull(),
    /** The pay symbol (chain) it goes back on, e.g. "UST-TRX". */
    payCurrency: text("pay_currency").notNull(),
    /** What the merchant asked for: the whole payment, the excess over what was due, or a part. */
    kind: text("kind").$type<RefundKind>().notNull(),
    address: text("address").notNull(),
    paymentId: text("payment_id"),
    upstreamRefundId: text("upstream_refund_id"),
    /** Why it failed or why its outcome is unknown (a safe sentence, never Bitfinex's raw text). */
    error: text("error"),
    /** "dashboard" or "api:<key id>". */
    requestedBy: text("requested_by").notNull(),
    idempotencyScope: text("idempotency_scope"),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index("checkout_refunds_checkout_idx").on(t.checkoutId, t.createdAt),
    uniqueIndex("checkout_refunds_idempotency_idx").on(t.idempotencyScope, t.idempotencyKey),
    uniqueIndex("checkout_refunds_in_flight_idx")
      .on(t.checkoutId)
      .where(sql`status in ('sending', 'unknown')`),
  ],
);
export type RefundStatus = "sending" | "sent" | "failed" | "unknown";

/**
 * A refund offered as a claim link (lib/refunds/claims.ts): the customer opens the link (only the
 * SHA-256 of its token is kept), gives an address on the network they paid with, and the merchant
 * approves it (or it is approved at once under the auto-approve limit). Approval sends through
 * requestRefund with the claim's id as its idempotency key, so a claim can be sent only once.
 */
export const refundClaims = pgTable(
  "refund_claims",
  {
    id: text("id").primaryKey(),
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkoutsTable.id),
    tokenHash: text("token_hash").notNull(),
    status: text("status").$type<RefundClaimStatus>().notNull(),
    /** Decimal, in the currency the customer paid, fixed when offered. */
    amount: numeric("amount", { precision: 36, scale: 18 }).notNull(),
    payCurrency: text("pay_currency").notNull(),
    address: text("address"),
    paymentId: text("payment_id"),
    refundId: text("refund_id").references(() => checkoutRefunds.id),
    /** "dashboard:<user id>", "api:<key id>", … */
    offeredBy: text("offered_by").notNull(),
    approvedBy: text("approved_by"),
    /**
     * Whether the merchant's auto-approve limit may send this claim when claimed; false: only an
     * approval in the dashboard does (a Greenfield pull payment made with autoApproveClaims false).
     */
    autoApprove: boolean("auto_approve").notNull().default(true),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    uniqueIndex("refund_claims_token_idx").on(t.tokenHash),
    index("refund_claims_checkout_idx").on(t.checkoutId, t.createdAt),
  ],
);
/** Stored states; "expired" is also read from an offer past expiresAt, and sent/unknown/failed from its refund. */
export type RefundClaimStatus = "offered" | "claimed" | "approved" | "cancelled" | "expired";

export type RefundKind = "full" | "excess" | "partial";

export type NotificationEventType =
  | "checkout.refunded"
  | "checkout.pending"
  | "checkout.paid"
  | "checkout.underpaid"
  | "checkout.expired"
  | "checkout.paid_late"
  | "test.ping";
export type NotificationStatus = "pending" | "delivered" | "failed";
export type NotificationChannel = "merchant" | "bfx_plugin" | "greenfield";

/**
 * The outbox of merchant notifications: one row per event, written in the same transaction as the
 * state change it reports, so an event exists if and only if the change happened. The row is also
 * its delivery job (status, attempts, next try, the claim of the instance delivering it now).
 */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: text("id").primaryKey(),
    /** Null for events about no checkout (test.ping). */
    checkoutId: text("checkout_id").references(() => checkoutsTable.id),
    type: text("type").$type<NotificationEventType>().notNull(),
    /** The whole JSON body, built once when the event is written: every (re)delivery sends the same thing. */
    payload: jsonb("payload").$type<NotificationPayload>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    /** Global write order; per checkout it is the order of the state changes (see the delivery rule in lib/notifications). */
    sequence: bigserial("sequence", { mode: "number" }).notNull(),
    status: text("status").$type<NotificationStatus>().notNull().default("pending"),
    /** Attempts in the current delivery run (a resend starts a new run at 0; the attempts table keeps them all). */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    /** When the current run's first attempt was made: the retry window (about 3 days) counts from here. */
    firstAttemptAt: timestamp("first_attempt_at", { withTimezone: true }),
    /** The instance delivering it right now, until when; an expired claim (a crashed instance) is taken over. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    claimToken: text("claim_token"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    /**
     * "merchant": the merchant's endpoint, signed, our format. "bfx_plugin": Bitfinex Pay's
     * WooCommerce plugin (lib/bfx-pay), unsigned, Bitfinex's webhook body, sent to `destination`.
     * Events are ordered per checkout within their channel only.
     */
    channel: text("channel").$type<NotificationChannel>().notNull().default("merchant"),
    /** Where a non-merchant event goes (the plugin's `webhook`); null for merchant events. */
    destination: text("destination"),
  },
  (t) => [
    index("notification_events_due_idx").on(t.status, t.nextAttemptAt),
    index("notification_events_checkout_idx").on(t.checkoutId, t.sequence),
    uniqueIndex("notification_events_sequence_idx").on(t.sequence),
  ],
);

export interface NotificationPayload {
  id: string;
  type: NotificationEventType;
  /** True for a live-mode event, false for sandbox mode (fake payments). Absent in events stored before it was added. */
  livemode?: boolean;
  /** ISO 8601: when the event happened. */
  created: string;
  data: Record<string, unknown>;
}

/** Every delivery attempt of an event, successful or not: what the dashboard shows as its log. */
export const notificationAttempts = pgTable(
  "notification_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => notificationEvents.id),
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    url: text("url").notNull(),
    /** The HTTP status, or null when no response came (refused, timeout, destination not allowed). */
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("notification_attempts_event_idx").on(t.eventId, t.id)],
);

/**
 * The last nonce sent to Bitfinex per API key, shared by every instance on one PostgreSQL
 * (lib/server/shared-nonce.ts): Bitfinex rejects a nonce not larger than the last one it saw for
 * the key, whichever instance sent it. Keyed by a hash of the key, never the key itself.
 */
export const bitfinexNonces = pgTable("bitfinex_nonces", {
  keyId: text("key_id").primaryKey(),
  lastNonce: bigint("last_nonce", { mode: "bigint" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

/**
 * Keys for the Bitfinex-compatible endpoints (lib/bfx-pay), which Bitfinex Pay's WooCommerce plugin
 * signs with: its own table, apart from the merchant API keys. The secret is kept as it is because
 * every request's HMAC is computed with it (Bitfinex keeps its secrets the same way); it is shown
 * once. `lastNonce` is the highest nonce seen (microseconds); a lower one is refused.
 */
export const bfxPayKeys = pgTable(
  "bfx_pay_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** The public half, sent by the plugin as `bfx-apikey`. */
    apiKey: text("api_key").notNull(),
    secret: text("secret").notNull(),
    lastNonce: bigint("last_nonce", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("bfx_pay_keys_api_key_idx").on(t.apiKey)],
);

/** A checkout made through the Bitfinex-compatible endpoints: which key made it, and the plugin's webhook. */
export const bfxPayInvoices = pgTable(
  "bfx_pay_invoices",
  {
    checkoutId: text("checkout_id")
      .primaryKey()
      .references(() => checkoutsTable.id),
    keyId: text("key_id")
      .notNull()
      .references(() => bfxPayKeys.id),
    /** The plugin's `webhook` (its `?wc-api=bitfinex` URL); null when none was sent. */
    webhook: text("webhook"),
    /** The signed request's nonce and the plugin's orderId: a replay of one create finds its checkout (unique). */
    nonce: bigint("nonce", { mode: "bigint" }).notNull(),
    orderId: text("order_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("bfx_pay_invoices_key_created_idx").on(t.keyId, t.createdAt),
    uniqueIndex("bfx_pay_invoices_replay_idx").on(t.keyId, t.nonce, t.orderId),
  ],
);

/**
 * The people who may open the dashboard (lib/auth/users.ts). The owner named by ADMIN_USERNAME is
 * written here on first use; while its password_hash is null its password comes from the
 * environment (ADMIN_PASSWORD_HASH, or `sandbox` in sandbox mode). session_version goes up when a
 * password changes or the role changes, and every session carries the version it was made with:
 * a session whose version is no longer the user's (or whose user is gone) is refused on its next
 * request.
 */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Lower case; what the user types as the username. */
    login: text("login").notNull(),
    email: text("email"),
    /** A GitHub login the owner entered; the first sign-in with it pins github_id. */
    githubLogin: text("github_login"),
    githubId: text("github_id"),
    /** scrypt (lib/auth/password.ts); null: the environment's admin password (the first owner only). */
    passwordHash: text("password_hash"),
    role: text("role").$type<"owner" | "cashier">().notNull(),
    sessionVersion: integer("session_version").notNull().default(1),
    /** The TOTP secret (lib/auth/totp.ts), sealed with a key derived from the session secret. */
    totpSecret: text("totp_secret"),
    /** While enrolling: the secret shown as a QR code, kept until a code from it is entered. */
    totpPending: text("totp_pending"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** SHA-256 hashes of the unused recovery codes. */
    recoveryCodes: jsonb("recovery_codes").$type<string[]>(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [uniqueIndex("users_login_idx").on(t.login), uniqueIndex("users_github_login_idx").on(t.githubLogin)],
);

/**
 * What people did in the dashboard (and what the app did for them), in order: append-only. No code
 * path updates or deletes a row (lib/audit/, checked by its test).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    /** The user's id, "api:<key id>" for a merchant API key, "system" for the app itself. */
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    address: text("address"),
    action: text("action").notNull(),
    /** What it was done to: a checkout, refund, user, link id. */
    subject: text("subject"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_action_idx").on(t.action)],
);

/**
 * A checkout made through the BTCPay Greenfield-compatible API (lib/greenfield): the invoice's
 * `metadata` and `checkout` options exactly as the plugin sent them, so they are answered back
 * (BTCPay echoes both) and carried in its webhooks.
 */
export const greenfieldInvoices = pgTable("greenfield_invoices", {
  checkoutId: text("checkout_id")
    .primaryKey()
    .references(() => checkoutsTable.id),
  metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull(),
  checkoutOptions: jsonb("checkout_options").$type<Record<string, unknown>>().notNull(),
  /** Set when the invoice was marked Invalid through the API (status Invalid, additionalStatus Marked). */
  markedInvalidAt: timestamp("marked_invalid_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/**
 * A Greenfield pull payment (`POST stores/{s}/pull-payments`): a refund claim link, with what the
 * plugin asked for kept as sent (its name, description, amount and currency), answered back as
 * BTCPay answers a pull payment. Its id is the claim's link token, so only its hash is kept: the
 * claim row's token_hash.
 */
export const greenfieldPullPayments = pgTable("greenfield_pull_payments", {
  claimId: text("claim_id")
    .primaryKey()
    .references(() => refundClaims.id),
  name: text("name"),
  description: text("description"),
  /** As asked: a decimal string in `currency` (the order's currency or the coin paid). */
  amount: text("amount").notNull(),
  currency: text("currency").notNull(),
  autoApproveClaims: boolean("auto_approve_claims").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** A Greenfield webhook (`stores/{s}/webhooks`): deliveries are signed `BTCPay-Sig` with its secret. */
export const greenfieldWebhooks = pgTable("greenfield_webhooks", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull(),
  automaticRedelivery: boolean("automatic_redelivery").notNull(),
  /** Every event, or only `specificEvents` (Greenfield event type names). */
  everything: boolean("everything").notNull(),
  specificEvents: jsonb("specific_events").$type<string[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** A checkout and one of its invoices as stored (what the checkout engine reads and writes). */
export type CheckoutRow = typeof checkoutsTable.$inferSelect;
export type InvoiceRow = typeof checkoutInvoicesTable.$inferSelect;

/**
 * The e-mail outbox (lib/notifications/mail): one row per message, written before anything is
 * sent, so a failing SMTP server never holds up a payment and nothing is lost. The row is its
 * sending job too (claimed with a lease by one instance at a time, retried on the webhook schedule).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    /** "alert" to the merchant, "receipt" to a customer, "test" from the dashboard. */
    kind: text("kind").$type<"alert" | "receipt" | "test">().notNull(),
    /** The problem an alert is about (one e-mail per problem per hour, see mailAlerts); null otherwise. */
    problem: text("problem"),
    checkoutId: text("checkout_id"),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** The message's language (a receipt's is the customer's). */
    locale: text("locale").notNull().default("en"),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    claimToken: text("claim_token"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    // One receipt per checkout, however many instances see its payment.
    uniqueIndex("mail_outbox_receipt_idx")
      .on(t.checkoutId)
      .where(sql`kind = 'receipt'`),
  ],
);

/** When each merchant alert problem was last e-mailed: at most one e-mail per problem per hour, across instances. */
export const mailAlerts = pgTable("mail_alerts", {
  problem: text("problem").primaryKey(),
  lastQueuedAt: timestamp("last_queued_at", { withTimezone: true }).notNull(),
});

/**
 * A user's passkeys (WebAuthn, lib/auth/passkeys.ts): the credential's id and public key as the
 * authenticator gave them at registration, and its signature counter, which must grow with every
 * use (a copied authenticator shows itself by going back). Removed with its user.
 */
export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The name the user gave it ("MacBook Touch ID"). */
    name: text("name").notNull(),
    /** base64url, as the browser reports it. */
    credentialId: text("credential_id").notNull(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>(),
    /** "singleDevice" or "multiDevice" (synced), and whether it is backed up. */
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("passkeys_credential_idx").on(t.credentialId), index("passkeys_user_idx").on(t.userId)],
);

/**
 * Challenges of the second factor, kept on the server (lib/auth/challenges.ts): a WebAuthn
 * challenge for registering or using a passkey, or a sign-in's second-step ticket (the first
 * factor, a password or GitHub, was right). Each is bound to one user and one purpose, expires
 * within minutes and is taken (deleted) by the one request that uses it.
 */
export const authChallenges = pgTable(
  "auth_challenges",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"passkey_register" | "passkey_auth" | "second_step">().notNull(),
    /** base64url random bytes: what the authenticator signs (a second-step ticket's own token). */
    challenge: text("challenge").notNull(),
    /** What the first factor was, for a second-step ticket ({"method": "github"}). */
    details: jsonb("details").$type<Record<string, unknown>>(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [uniqueIndex("auth_challenges_challenge_idx").on(t.challenge), index("auth_challenges_user_idx").on(t.userId)],
);
