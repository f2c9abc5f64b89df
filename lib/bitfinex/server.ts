/** The app's Bitfinex client, built once from the configuration. Server only: it holds the secret. */
import "server-only";
import { getConfig } from "../env";
import { createBitfinexClient, type BitfinexClient } from "./client";

const holder = globalThis as unknown as { __bitfinex?: BitfinexClient };

export function getBitfinex(): BitfinexClient {
  if (!holder.__bitfinex) {
    const { bitfinex } = getConfig();
    holder.__bitfinex = createBitfinexClient({
      apiKey: bitfinex.apiKey,
      apiSecret: bitfinex.apiSecret,
      restUrl: bitfinex.restUrl,
      publicUrl: bitfinex.publicUrl,
      timeoutMs: bitfinex.timeoutMs,
    });
  }
  return holder.__bitfinex;
}
