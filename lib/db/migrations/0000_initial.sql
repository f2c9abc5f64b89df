CREATE TABLE "checkout_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"checkout_id" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkouts" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"amount" numeric(36, 18) NOT NULL,
	"currency" text NOT NULL,
	"description" text,
	"pay_currencies" jsonb NOT NULL,
	"type" text NOT NULL,
	"duration_seconds" integer NOT NULL,
	"redirect_url" text,
	"webhook_url" text,
	"customer_info" jsonb,
	"metadata" jsonb,
	"state" text DEFAULT 'awaiting_payment' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"checkout_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkout_transitions" ADD CONSTRAINT "checkout_transitions_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_transitions_checkout_idx" ON "checkout_transitions" USING btree ("checkout_id","id");--> statement-breakpoint
CREATE INDEX "checkouts_state_idx" ON "checkouts" USING btree ("state");--> statement-breakpoint
CREATE INDEX "checkouts_order_id_idx" ON "checkouts" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "checkouts_created_at_idx" ON "checkouts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_scope_key_idx" ON "idempotency_keys" USING btree ("scope","key");