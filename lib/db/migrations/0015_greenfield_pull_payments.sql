CREATE TABLE "greenfield_pull_payments" (
	"claim_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"description" text,
	"amount" text NOT NULL,
	"currency" text NOT NULL,
	"auto_approve_claims" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refund_claims" ADD COLUMN "auto_approve" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "greenfield_pull_payments" ADD CONSTRAINT "greenfield_pull_payments_claim_id_refund_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."refund_claims"("id") ON DELETE no action ON UPDATE no action;