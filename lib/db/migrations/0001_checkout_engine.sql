CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_invoices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"checkout_id" text NOT NULL,
	"rail" text NOT NULL,
	"status" text NOT NULL,
	"claim_token" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"upstream_id" text,
	"payment_hash" text,
	"payment_request" text,
	"amount_btc" numeric(36, 18),
	"rate" numeric(36, 18),
	"rate_source" text,
	"rate_at" timestamp with time zone,
	"addresses" jsonb,
	"upstream_status" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_links" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"amount" numeric(36, 18),
	"min_amount" numeric(36, 18),
	"max_amount" numeric(36, 18),
	"currency" text NOT NULL,
	"pay_currencies" jsonb NOT NULL,
	"type" text NOT NULL,
	"duration_seconds" integer NOT NULL,
	"redirect_url" text,
	"webhook_url" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "source" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "pay_currency" text;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "amount_due" numeric(36, 18);--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "amount_paid" numeric(36, 18);--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "confirmations" integer;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "required_confirmations" integer;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "next_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checkout_invoices" ADD CONSTRAINT "checkout_invoices_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_invoices_checkout_rail_idx" ON "checkout_invoices" USING btree ("checkout_id","rail");--> statement-breakpoint
CREATE INDEX "checkout_invoices_upstream_idx" ON "checkout_invoices" USING btree ("upstream_id");--> statement-breakpoint
CREATE INDEX "checkout_invoices_hash_idx" ON "checkout_invoices" USING btree ("payment_hash");--> statement-breakpoint
CREATE INDEX "checkouts_next_check_idx" ON "checkouts" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "checkouts_source_idx" ON "checkouts" USING btree ("source","source_ref");