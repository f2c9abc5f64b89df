CREATE TABLE "bitfinex_nonces" (
	"key_id" text PRIMARY KEY NOT NULL,
	"last_nonce" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
