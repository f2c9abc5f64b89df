/** Sandbox (the built-in Bitfinex stand-in, no real money) or live (the merchant's Bitfinex key). Decided by lib/env.ts. */
export type Mode = "sandbox" | "live";
