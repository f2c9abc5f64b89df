CREATE TABLE "greenfield_invoices" (
	"checkout_id" text PRIMARY KEY NOT NULL,
	"metadata" jsonb NOT NULL,
	"checkout_options" jsonb NOT NULL,
	"marked_invalid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "greenfield_webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean NOT NULL,
	"automatic_redelivery" boolean NOT NULL,
	"everything" boolean NOT NULL,
	"specific_events" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "greenfield_invoices" ADD CONSTRAINT "greenfield_invoices_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;