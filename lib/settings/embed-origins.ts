/**
 * The origins allowed to frame the checkout, shared with proxy.ts, which sets the CSP
 * frame-ancestors header on every response and cannot wait on the database for each one. The
 * settings module publishes them whenever it reads or saves settings, and the services re-read
 * them every few seconds so a change made on another instance arrives. No imports: proxy.ts
 * stays small.
 */
const shared = globalThis as unknown as { __embedOrigins?: readonly string[] };

export function publishEmbedOrigins(origins: readonly string[]) {
  shared.__embedOrigins = Object.freeze([...origins]);
}

/** Undefined until the settings were read once in this process. */
export function publishedEmbedOrigins(): readonly string[] | undefined {
  return shared.__embedOrigins;
}
