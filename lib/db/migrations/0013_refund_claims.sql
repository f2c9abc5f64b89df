CREATE TABLE "refund_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"checkout_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text NOT NULL,
	"amount" numeric(36, 18) NOT NULL,
	"pay_currency" text NOT NULL,
	"address" text,
	"payment_id" text,
	"refund_id" text,
	"offered_by" text NOT NULL,
	"approved_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refund_claims" ADD CONSTRAINT "refund_claims_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_claims" ADD CONSTRAINT "refund_claims_refund_id_checkout_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."checkout_refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refund_claims_token_idx" ON "refund_claims" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refund_claims_checkout_idx" ON "refund_claims" USING btree ("checkout_id","created_at");