CREATE TABLE "bfx_pay_invoices" (
	"checkout_id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"webhook" text,
	"nonce" bigint NOT NULL,
	"order_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bfx_pay_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"api_key" text NOT NULL,
	"secret" text NOT NULL,
	"last_nonce" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "channel" text DEFAULT 'merchant' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "destination" text;--> statement-breakpoint
ALTER TABLE "bfx_pay_invoices" ADD CONSTRAINT "bfx_pay_invoices_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bfx_pay_invoices" ADD CONSTRAINT "bfx_pay_invoices_key_id_bfx_pay_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."bfx_pay_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bfx_pay_invoices_key_created_idx" ON "bfx_pay_invoices" USING btree ("key_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bfx_pay_invoices_replay_idx" ON "bfx_pay_invoices" USING btree ("key_id","nonce","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bfx_pay_keys_api_key_idx" ON "bfx_pay_keys" USING btree ("api_key");