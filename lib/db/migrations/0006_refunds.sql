CREATE TABLE "checkout_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"checkout_id" text NOT NULL,
	"status" text NOT NULL,
	"amount" numeric(36, 18) NOT NULL,
	"currency" text NOT NULL,
	"pay_currency" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"payment_id" text,
	"upstream_refund_id" text,
	"error" text,
	"requested_by" text NOT NULL,
	"idempotency_scope" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "amount_refunded" numeric(36, 18);--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "tos_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "tos_reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checkout_refunds" ADD CONSTRAINT "checkout_refunds_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_refunds_checkout_idx" ON "checkout_refunds" USING btree ("checkout_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_refunds_idempotency_idx" ON "checkout_refunds" USING btree ("idempotency_scope","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_refunds_in_flight_idx" ON "checkout_refunds" USING btree ("checkout_id") WHERE status in ('sending', 'unknown');